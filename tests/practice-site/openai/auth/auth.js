// Practice log-in flow: email → password → back to the platform with a code.
// Nothing is checked or sent anywhere; the password never leaves the page.
const EMAIL_KEY = 'practice-login-email';
const CALLBACK = 'https://platform.openai.com/auth/callback?code=practice';

const emailForm = document.getElementById('email-form');
if (emailForm) {
  emailForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(EMAIL_KEY, emailForm.elements.email.value.trim());
    window.location.assign(emailForm.dataset.next);
  });
}

const passwordForm = document.getElementById('password-form');
if (passwordForm) {
  passwordForm.elements.email.value = sessionStorage.getItem(EMAIL_KEY) || '';
  if (new URLSearchParams(window.location.search).has('new')) {
    document.getElementById('password-title').textContent = 'Create a password';
    passwordForm.elements.password.autocomplete = 'new-password';
  }
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.assign(CALLBACK);
  });
}
