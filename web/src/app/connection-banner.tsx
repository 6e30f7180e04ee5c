import { useEffect, useState } from 'preact/hooks';
import { connectionState } from '../live';
import { useStore } from '../state';

/** Says when the live connection drops, and when it is back (for a few seconds). */
export function ConnectionBanner() {
  const { status, reconnects } = useStore(connectionState);
  const [showBack, setShowBack] = useState(false);

  useEffect(() => {
    if (reconnects === 0) return;
    setShowBack(true);
    const timer = setTimeout(() => setShowBack(false), 4000);
    return () => clearTimeout(timer);
  }, [reconnects]);

  let text: string | null = null;
  let kind = 'info';
  if (status === 'lost') {
    text = 'Connection to the API lost — reconnecting…';
    kind = 'warn';
  } else if (status === 'connected' && showBack) {
    text = 'Reconnected — live again.';
  }
  return (
    <div
      class={`banner banner-${kind}`}
      role="status"
      aria-live="polite"
      data-connection={status}
      hidden={text === null}
    >
      {text}
    </div>
  );
}
