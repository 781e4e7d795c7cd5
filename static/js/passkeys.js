// After a passkey is added (django-otp-webauthn's script announces it), show the updated list.
document.addEventListener("otp_webauthn.register_complete", () => {
  const list = document.querySelector("[data-after-passkey]");
  if (list) {
    window.location.assign(list.dataset.afterPasskey);
  }
});
