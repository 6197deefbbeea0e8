import { messagesFor } from '../../platform/i18n/index.ts';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';

/** The public home's entry to the service directory. */
export function ServicesLink({ page }: { page: PageCtx }) {
  return (
    <p class="mt-4">
      <a href="/servizi" class="btn btn-primary">
        {messagesFor(directoryMessages, page.locale)('home.link')}
      </a>
    </p>
  );
}

/** The operator home's link to the directory search (used during interviews). */
export function DirectoryLink({ page }: { page: PageCtx }) {
  return <a href="/operatori/servizi">{messagesFor(directoryMessages, page.locale)('search.operatorTitle')}</a>;
}
