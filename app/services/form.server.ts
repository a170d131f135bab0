import { data } from "@remix-run/node";

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";
// A "%" not followed by two hex digits: browsers never send it, and decoding it leniently would hide a broken form.
const BROKEN_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

function unreadable(): never {
  throw data({ formError: "The form could not be read. Please go back and send it again." }, { status: 400 });
}

/**
 * The request's form, or a 400 with a plain message when the body is not a
 * form or cannot be read. Actions validate the fields with zod afterwards.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === URLENCODED) {
    const body = await request.text().catch(unreadable);
    if (BROKEN_ESCAPE.test(body)) unreadable();
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(body)) form.append(name, value);
    return form;
  }
  if (type === MULTIPART) {
    try {
      return await request.formData();
    } catch {
      unreadable();
    }
  }
  throw data(
    { formError: "This page expects a web form. Please use the form on the page and try again." },
    { status: 400 },
  );
}
