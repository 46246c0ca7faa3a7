import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import methodology from '../../../docs/methodology.md?raw';

/**
 * docs/methodology.md, bundled at build time. react-markdown builds React elements from the markdown tree and
 * does not render raw HTML (it is dropped), so the document is text-safe whatever it contains.
 */
export function MethodologyPage() {
  return (
    <div className="page">
      <article className="card markdown" data-testid="methodology">
        <Markdown skipHtml remarkPlugins={[remarkGfm]}>
          {methodology}
        </Markdown>
      </article>
    </div>
  );
}
