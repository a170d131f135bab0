import { Label as LabelPrimitive } from "radix-ui";
import type { ComponentPropsWithoutRef } from "react";

/** A form label (Radix Label: a real <label>, so clicking it focuses the control). */
export function Label(props: ComponentPropsWithoutRef<typeof LabelPrimitive.Root>) {
  return <LabelPrimitive.Root {...props} />;
}
