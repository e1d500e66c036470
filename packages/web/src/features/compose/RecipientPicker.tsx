import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMe } from '../../session/session';
import '../out-of-office/out-of-office.css';
import { AwayHints, RecipientChips } from './RecipientChips';
import { recipientOptions, useDebounced, useRecipients, type Chosen, type Option } from './recipient-options';

/**
 * R1 "To": a type-ahead combobox over the recipients the server allows, groups first; chosen
 * people become removable chips. There is no "all clients" — the server never offers one. A
 * colleague who is out of office says so, and who covers, before anything is sent (R40).
 */
export function RecipientPicker({
  value,
  onChange,
  error,
  hintId,
}: {
  value: Chosen[];
  onChange: (next: Chosen[]) => void;
  error?: string | null;
  hintId?: string;
}) {
  const me = useMe();
  const [text, setText] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);
  const recipients = useRecipients(q);
  const inputId = useId();
  const listId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);

  const options = recipientOptions(recipients.data, value, text, me.practice.timeZone);

  const choose = (option: Option | undefined) => {
    if (!option || option.isDisabled) return;
    onChange([...value, option.chosen]);
    setText('');
    setActive(0);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setIsOpen(true);
      setActive((index) => Math.min(options.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === 'Enter') {
      if (isOpen && options[active]) {
        event.preventDefault();
        choose(options[active]);
      }
    } else if (event.key === 'Escape') {
      if (isOpen) {
        event.preventDefault();
        event.stopPropagation();
        setIsOpen(false);
      }
    } else if (event.key === 'Tab') {
      setIsOpen(false);
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  const activeId = isOpen && options[active] ? `${listId}-${active}` : undefined;
  return (
    <div className={`field recipient-field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId} className="field-label is-required">
        To
      </label>
      <div className="recipient-box" onClick={() => input.current?.focus()}>
        <RecipientChips value={value} onChange={onChange} />
        <input
          id={inputId}
          ref={input}
          className="recipient-input"
          role="combobox"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          placeholder={value.length ? 'Add another…' : 'Type a name or a group'}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setIsOpen(true);
            setActive(0);
          }}
          onFocus={() => setIsOpen(true)}
          onBlur={() => window.setTimeout(() => setIsOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
      </div>
      {isOpen && (
        // tabIndex -1: a scrolling list would otherwise take a Tab stop between To and Subject.
        <ul id={listId} role="listbox" className="recipient-options" aria-label="Suggestions" tabIndex={-1}>
          {recipients.isPending && <li className="recipient-empty">Searching…</li>}
          {!recipients.isPending && options.length === 0 && (
            <li className="recipient-empty">Nobody matches “{text}”.</li>
          )}
          {options.map((option, index) => (
            <li
              key={`${option.chosen.kind}:${option.chosen.id}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              aria-disabled={option.isDisabled || undefined}
              className={`recipient-option${index === active ? ' is-active' : ''}${option.isDisabled ? ' is-disabled' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(option)}
              onMouseEnter={() => setActive(index)}
            >
              <span className="recipient-name">{option.chosen.name}</span>
              <span className="recipient-detail">{option.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <AwayHints value={value} />
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}
