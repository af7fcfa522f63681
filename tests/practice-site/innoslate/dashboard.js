// Admin dashboard buttons only say what they would do.
const status = document.getElementById('dashboard-status');
for (const button of document.querySelectorAll('button[data-says]')) {
  button.addEventListener('click', () => { status.textContent = button.dataset.says; });
}
