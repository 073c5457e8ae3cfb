/** Saves text or a blob as a file through a temporary object URL (no server round trip). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, fileName: string, type: string): void {
  // BOM so that spreadsheet programs read UTF-8 (Chinese labels) correctly.
  downloadBlob(new Blob([type.startsWith('text/csv') ? '\ufeff' : '', text], { type }), fileName);
}
