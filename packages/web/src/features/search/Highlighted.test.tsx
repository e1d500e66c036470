import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from './Highlighted';

const marked = (text: string, q: string) => renderToStaticMarkup(<Highlighted text={text} q={q} />);

describe('R44 search highlighting', () => {
  it('R44: marks the words the server matched — across case and accents, by their start', () => {
    expect(marked('Your médication refill', 'MEDIC')).toBe('Your <mark>médication</mark> refill');
    expect(marked('Group on Tuesdays, group two', 'group tue')).toBe(
      '<mark>Group</mark> on <mark>Tuesdays</mark>, <mark>group</mark> two',
    );
  });

  it('R44: a short query word marks only itself; text stays text', () => {
    expect(marked('Dr drives <b>', 'dr')).toBe('<mark>Dr</mark> drives &lt;b&gt;');
    expect(marked('nothing here', 'zebra')).toBe('nothing here');
  });
});
