import { useEffect, useRef, useState } from 'preact/hooks';
import { enterKey, keyStatus } from '../api';
import { useStore } from '../state';

/** Asks for the API key when the API answered 401; says so when the key given was wrong. */
export function KeyPrompt() {
  const status = useStore(keyStatus);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (status !== 'open') input.current?.focus();
  }, [status]);

  if (status === 'open') return null;
  return (
    <form
      class="key-prompt"
      aria-labelledby="key-prompt-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim() === '') return;
        enterKey(value);
        setValue('');
      }}
    >
      <h2 id="key-prompt-title">API key required</h2>
      {status === 'wrong' ? (
        <p role="alert" class="error">
          The API refused that key. Enter the right one.
        </p>
      ) : (
        <p>This API is protected by a key. It is kept for this tab only (sessionStorage).</p>
      )}
      <label for="api-key">API key</label>
      <input
        id="api-key"
        ref={input}
        type="password"
        autocomplete="off"
        value={value}
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      <button type="submit">Use key</button>
    </form>
  );
}
