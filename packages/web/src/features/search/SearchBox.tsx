import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { SearchIcon } from '../../components/icons';
import './search.css';

/**
 * R44: the search form. Submitting runs the search; "Clear" (or Escape in the field) ends it.
 * A `role="search"` landmark, a real label, and buttons that work from the keyboard.
 */
export function SearchBox({
  value,
  onSearch,
  label = 'Search messages',
}: {
  value: string;
  onSearch: (q: string) => void;
  label?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  const clear = () => {
    setText('');
    onSearch('');
  };
  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className="search-field">
        <SearchIcon />
        <input
          id={id}
          type="search"
          className="input search-input"
          placeholder="Search subjects, messages, names, files"
          value={text}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && value) clear();
          }}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={text.trim().length === 0}>
        Search
      </Button>
      {value && (
        <Button variant="ghost" onClick={clear}>
          Clear
        </Button>
      )}
    </form>
  );
}
