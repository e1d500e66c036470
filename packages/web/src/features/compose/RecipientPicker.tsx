import { RecipientsResponse } from '@confide/api';
import type { AwayStatus } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api, qs, queryKeys } from '../../api';
import { useMe } from '../../session/session';
import { roleLabel } from '../mailbox/format';
import { formatAwayUntil } from '../out-of-office/away';
import '../out-of-office/out-of-office.css';

export type Chosen =
  | { kind: 'group'; id: 'front_office' | 'providers' | 'external_agents'; name: string }
  | { kind: 'user'; id: string; name: string; role: string; isInactive?: boolean; away?: AwayStatus };

interface Option {
  chosen: Chosen;
  detail: string;
  isDisabled: boolean;
}

/** Debounces a value (type-ahead should not call the server on every key). */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The people and groups this person may address, matching `q` (GET /api/recipients). */
export function useRecipients(q: string) {
  return useQuery({
    queryKey: queryKeys.recipients(q),
    queryFn: () => api.get(`/api/recipients${qs({ q })}`, RecipientsResponse),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

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

  const chosenKeys = new Set(value.map((item) => `${item.kind}:${item.id}`));
  const needle = text.trim().toLowerCase();
  const options: Option[] = [
    ...(recipients.data?.groups ?? [])
      .filter((group) => !needle || group.name.toLowerCase().includes(needle))
      .map((group) => ({
        chosen: { kind: 'group' as const, id: group.id, name: group.name },
        detail: 'Group',
        isDisabled: false,
      })),
    ...(recipients.data?.recipients ?? []).map((person) => ({
      chosen: {
        kind: 'user' as const,
        id: person.id,
        name: person.name,
        role: person.role,
        isInactive: person.status === 'inactive',
        away: person.away,
      },
      detail: person.available
        ? `${roleLabel(person.role)}${person.status === 'inactive' ? ' · inactive' : ''}${person.away ? ` · away until ${formatAwayUntil(person.away.until, me.practice.timeZone)}` : ''}`
        : `${roleLabel(person.role)} — ${person.unavailableReason ?? 'unavailable'}`,
      isDisabled: !person.available,
    })),
  ].filter((option) => !chosenKeys.has(`${option.chosen.kind}:${option.chosen.id}`));

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
        <ul className="chips" aria-label="Recipients">
          {value.map((item) => (
            <li key={`${item.kind}:${item.id}`} className={`chip${item.kind === 'group' ? ' chip-group' : ''}`}>
              <span>{item.name}</span>
              {item.kind === 'user' && item.isInactive && <span className="chip-note">inactive</span>}
              {item.kind === 'user' && item.away && <span className="chip-note">away</span>}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${item.name}`}
                onClick={(event) => {
                  event.stopPropagation();
                  onChange(value.filter((other) => other !== item));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
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
      {value.map(
        (item) =>
          item.kind === 'user' &&
          item.away && (
            <p key={`away:${item.id}`} className="away-hint" role="note">
              <strong>
                {item.name} is away until {formatAwayUntil(item.away.until, me.practice.timeZone)}.
              </strong>{' '}
              {item.away.coveringName} covers their messages meanwhile.
            </p>
          ),
      )}
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}
