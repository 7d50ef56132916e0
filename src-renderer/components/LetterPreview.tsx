/**
 * A letter's pages as they will print, scaled to the space on screen. The page comes from the
 * services (the same HTML that prints), shown in a frame so its print styles stay its own.
 */
import { useEffect, useRef, useState } from 'react';

/** A4 at CSS 96 dpi */
const PAGE_PX = { width: 794, height: 1123 };

export function LetterPreview({
  html,
  width = 420,
  testId,
}: {
  html: string | null;
  width?: number;
  testId?: string;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [pages, setPages] = useState(1);
  const scale = width / PAGE_PX.width;
  useEffect(() => {
    const f = frame.current;
    if (!f || !html) return;
    const onLoad = () => {
      const doc = f.contentDocument;
      if (!doc) return;
      // on screen the page is one long sheet with the print margins drawn in
      const style = doc.createElement('style');
      style.textContent = `html { background: #fff; } body { padding: 37mm 26mm 35mm 28mm; }`;
      doc.head.appendChild(style);
      setPages(Math.max(1, Math.ceil(doc.documentElement.scrollHeight / PAGE_PX.height)));
    };
    f.addEventListener('load', onLoad);
    return () => f.removeEventListener('load', onLoad);
  }, [html]);
  return (
    <div
      style={{
        width,
        height: PAGE_PX.height * scale * Math.min(pages, 2),
        overflow: 'auto',
        border: '1px solid #d9d9d9',
        background: '#fff',
        boxShadow: '0 1px 4px rgba(0,0,0,.12)',
      }}
    >
      <iframe
        ref={frame}
        title="文书预览"
        data-testid={testId}
        srcDoc={html ?? ''}
        style={{
          width: PAGE_PX.width,
          height: PAGE_PX.height * pages,
          border: 0,
          transform: `scale(${scale})`,
          transformOrigin: '0 0',
        }}
      />
    </div>
  );
}
