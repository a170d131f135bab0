import { data } from "@remix-run/node";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The request's form, or a 400 with a plain message when the body is not a
 * form or cannot be read. Actions validate the fields with zod afterwards.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!FORM_TYPES.includes(type)) {
    throw data(
      { formError: "This page expects a web form. Please use the form on the page and try again." },
      { status: 400 },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw data({ formError: "The form could not be read. Please go back and send it again." }, { status: 400 });
  }
}
