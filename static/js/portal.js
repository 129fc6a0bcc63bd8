// Small progressive enhancements; the pages work without them. No inline script (strict CSP).
document.addEventListener("DOMContentLoaded", () => {
  // Send the CSRF token with every htmx request.
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    document.body.addEventListener("htmx:configRequest", (event) => {
      event.detail.headers["X-CSRFToken"] = token.value;
    });
  }
  // Submit selects marked data-autosubmit when they change (filters, language).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
});
