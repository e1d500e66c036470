import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { LinkIcon } from '../../components/icons';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextInput } from '../../components/Field';

/** Visible characters of the body: its text without markup, white space not counted (R5). */
export function visibleLength(editor: Editor | null): number {
  // From the document state: the view may not be mounted yet on the first render.
  return editor ? editor.state.doc.textContent.replace(/\s/g, '').length : 0;
}

/**
 * R5 rich text: bold, italic, underline, strike, lists, links and quotes — nothing else.
 * The server sanitizes again; this only keeps people from writing what would be stripped.
 */
export function RichTextEditor({
  initialHtml,
  label,
  describedBy,
  onChange,
  autoFocus,
  toolbarExtra,
}: {
  initialHtml: string;
  label: string;
  describedBy?: string;
  onChange: (html: string, visible: number) => void;
  autoFocus?: boolean;
  /** More toolbar controls, given the editor (the Composer's saved replies, R45). */
  toolbarExtra?: (editor: Editor) => ReactNode;
}) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        },
      }),
    ],
    content: initialHtml,
    autofocus: autoFocus ? 'end' : false,
    editorProps: {
      attributes: {
        class: 'editor-content rich-text',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML(), visibleLength(current)),
  });

  useEffect(() => {
    if (editor) onChange(editor.isEmpty ? '' : editor.getHTML(), visibleLength(editor));
    // Report the starting value once the editor exists (onChange is deliberately not a dependency).
  }, [editor]);

  return (
    <div className="editor">
      <Toolbar editor={editor} extra={toolbarExtra} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor, extra }: { editor: Editor | null; extra?: (editor: Editor) => ReactNode }) {
  const [isLinking, setIsLinking] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            underline: e.isActive('underline'),
            strike: e.isActive('strike'),
            bulletList: e.isActive('bulletList'),
            orderedList: e.isActive('orderedList'),
            link: e.isActive('link'),
            blockquote: e.isActive('blockquote'),
          }
        : null,
  });
  if (!editor || !state) return <div className="editor-toolbar" />;
  const chain = () => editor.chain().focus();
  const tools: { key: keyof typeof state; label: string; glyph: ReactNode; run: () => void }[] = [
    { key: 'bold', label: 'Bold', glyph: 'B', run: () => chain().toggleBold().run() },
    { key: 'italic', label: 'Italic', glyph: 'I', run: () => chain().toggleItalic().run() },
    { key: 'underline', label: 'Underline', glyph: 'U', run: () => chain().toggleUnderline().run() },
    { key: 'strike', label: 'Strikethrough', glyph: 'S', run: () => chain().toggleStrike().run() },
    { key: 'bulletList', label: 'Bulleted list', glyph: '•', run: () => chain().toggleBulletList().run() },
    { key: 'orderedList', label: 'Numbered list', glyph: '1.', run: () => chain().toggleOrderedList().run() },
    {
      key: 'link',
      label: 'Link',
      glyph: <LinkIcon />,
      run: () => (state.link ? chain().unsetLink().run() : setIsLinking(true)),
    },
    { key: 'blockquote', label: 'Quote', glyph: '❝', run: () => chain().toggleBlockquote().run() },
  ];
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
      {tools.map((tool) => (
        <button
          key={tool.key}
          type="button"
          className={`tool tool-${tool.key}${state[tool.key] ? ' is-active' : ''}`}
          aria-pressed={state[tool.key]}
          aria-label={tool.key === 'link' && state.link ? 'Remove link' : tool.label}
          title={tool.label}
          onMouseDown={(event) => event.preventDefault()}
          onClick={tool.run}
        >
          <span aria-hidden="true">{tool.glyph}</span>
        </button>
      ))}
      {extra?.(editor)}
      {isLinking && <LinkDialog editor={editor} onClose={() => setIsLinking(false)} />}
    </div>
  );
}

function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [href, setHref] = useState('https://');
  const [error, setError] = useState<string | null>(null);
  const formId = useId();
  const apply = () => {
    const value = href.trim();
    if (!/^(https?:\/\/|mailto:)\S+$/i.test(value)) return setError('Enter a web address starting with https://');
    const { empty } = editor.state.selection;
    if (empty)
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: value } }] })
        .run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: value }).run();
    onClose();
  };
  return (
    <Dialog
      title="Add a link"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId}>
            Add link
          </Button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <TextInput
          label="Web address"
          type="url"
          value={href}
          error={error}
          data-autofocus
          onChange={(event) => setHref(event.target.value)}
        />
      </form>
    </Dialog>
  );
}
