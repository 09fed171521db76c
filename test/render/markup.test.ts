import { describe, expect, it } from 'vitest';
import { normaliseText, parseMarkup } from '../../lambdas/render/markup.js';

const doc = (body: string, attrs = '') => `<document title="t"${attrs}>${body}</document>`;
const error = (fn: () => unknown): Error & { code?: string } => {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
};

describe('parseMarkup', () => {
  it('reads the 信函格式 from <document format="letter">', () => {
    expect(parseMarkup(doc('<p>正文。</p>', ' format="letter"'), 'x.hbs').format).toBe('letter');
  });

  it('lays a document out in 文件格式 when it names no format', () => {
    expect(parseMarkup(doc('<p>正文。</p>'), 'x.hbs').format).toBe('document');
  });

  it('rejects a format the standard does not have, naming the value and the choices', () => {
    const e = error(() => parseMarkup(doc('<p>正文。</p>', ' format="memo"'), 'templates/x.hbs'));
    expect(e.code).toBe('MARKUP_INVALID');
    expect(e.message).toContain('templates/x.hbs');
    expect(e.message).toContain('format="memo"');
    expect(e.message).toContain('format="letter"');
  });

  it('keeps escaped markup in text as text', () => {
    const m = parseMarkup(doc('<p>市委组织部&lt;p&gt;额外段落&lt;/p&gt;</p>'), 'x.hbs');
    expect(m.blocks).toEqual([{ kind: 'paragraph', spans: [{ text: '市委组织部<p>额外段落</p>', role: 'body' }] }]);
  });

  it('takes title lines from <line> children, or leaves the breaks to the layout', () => {
    const given = parseMarkup(doc('<title><line>关于授予张三</line><line>奖励的通知</line></title>'), 'x.hbs');
    expect(given.blocks[0]).toEqual({ kind: 'title', lines: ['关于授予张三', '奖励的通知'] });
    const free = parseMarkup(doc('<title>关于授予张三\n    奖励的通知</title>'), 'x.hbs');
    expect(free.blocks[0]).toEqual({ kind: 'title', lines: ['关于授予张三奖励的通知'] });
  });

  it('carries the <name>s of a title, in free text or in given lines, as the names the case gives', () => {
    const free = parseMarkup(doc('<title>关于授予<name>扎西多吉</name>同志\n  奖励的通知</title>'), 'x.hbs');
    expect(free.blocks[0]).toEqual({ kind: 'title', lines: ['关于授予扎西多吉同志奖励的通知'], names: ['扎西多吉'] });
    const given = parseMarkup(doc('<title><line>关于同意给予<name>Ｍicrosoft Research</name></line><line>补助的批复</line></title>'), 'x.hbs');
    expect(given.blocks[0]).toEqual({ kind: 'title', lines: ['关于同意给予Microsoft Research', '补助的批复'], names: ['Microsoft Research'] });
    expect(() => parseMarkup(doc('<title>关于<p>张三</p>的通知</title>'), 'x.hbs')).toThrow(/holds text and <name>, not <p>/);
  });

  it('reads a sealed signature unless sealed="false", and a 版记 with its 印发 date', () => {
    const m = parseMarkup(
      doc(
        '<signature date="2026年4月5日">某局</signature><imprint><copy-to>抄送：市财政局。</copy-to><printed-by date="2026年4月5日印发">某局办公室</printed-by></imprint>',
      ),
      'x.hbs',
    );
    expect(m.blocks).toEqual([
      { kind: 'signature', issuer: '某局', date: '2026年4月5日', sealed: true },
      { kind: 'imprint', copyTo: '抄送：市财政局。', printedBy: '某局办公室', printedDate: '2026年4月5日印发' },
    ]);
  });

  it('refuses text outside an element and unknown elements, saying where', () => {
    expect(error(() => parseMarkup(doc('裸文本'), 'x.hbs')).message).toContain('wrap it in <p>');
    expect(error(() => parseMarkup(doc('<blink>x</blink>'), 'x.hbs')).message).toContain('unknown element <blink>');
  });
});

describe('normaliseText', () => {
  it('drops template line breaks and makes full-width digits and letters half-width, keeping full-width marks', () => {
    expect(normaliseText('  第２０２６号\n      ＡＢ（一）  ')).toBe('第2026号AB（一）');
  });
});
