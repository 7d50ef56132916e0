/**
 * Printing a page of letters: the services lay them out (GB/T 9704, services/letters/layout.ts);
 * here the page goes into a hidden frame and the frame prints, so the system print dialog (in
 * Electron and in the browser) shows exactly those sheets, with their own page size and margins.
 */
export function printHtml(html: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
    frame.srcdoc = html;
    frame.onload = async () => {
      const win = frame.contentWindow;
      if (!win) return reject(new Error('无法打开打印页面'));
      try {
        await win.document.fonts.ready;
        win.focus();
        win.print();
        resolve();
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        // the dialog is modal: by now the job is with the printer (or cancelled)
        setTimeout(() => frame.remove(), 1000);
      }
    };
    document.body.appendChild(frame);
  });
}
