import { describe, expect, it } from 'vitest';
import { mapXArchive } from './map.js';
import { cutForm, matchForm } from './note-tweets.js';

const NOW = '2026-11-21T00:00:00.000Z';
const AT = 'Tue Apr 02 08:00:00 +0000 2024'; // 2024-04-02T08:00:00.000Z
const ID = '1775076580595646465';

type Obj = Record<string, unknown>;
const tweetsJs = (tweets: Obj[]) =>
  `window.YTD.tweets.part0 = ${JSON.stringify(tweets.map((tweet) => ({ tweet })))}`;
const notesJs = (notes: unknown[]) =>
  `window.YTD.note_tweet.part0 = ${JSON.stringify(notes.map((n) => ({ noteTweet: n })))}`;
const tweet = (fullText: string, extra: Obj = {}): Obj => ({
  id_str: ID,
  created_at: AT,
  full_text: fullText,
  ...extra,
});
const note = (text: string, createdAt = '2024-04-02T07:59:59.500Z', core: Obj = {}): Obj => ({
  noteTweetId: '1775076578000000001',
  createdAt,
  core: { text, urls: [], mentions: [], hashtags: [], ...core },
});
const ACCOUNT =
  'window.YTD.account.part0 = [{"account":{"accountId":"1200000000000000002","username":"RuritaniaInUK"}}]';
/** Maps notes and tweets as the reader hands them over: account.js and note-tweet.js in front of tweets.js. */
const run = (notes: unknown, tweets: Obj[]) => {
  const section = Array.isArray(notes)
    ? notesJs(notes)
    : `window.YTD.note_tweet.part0 = ${JSON.stringify(notes)}`;
  return mapXArchive(`${ACCOUNT}\n${section}\n${tweetsJs(tweets)}`, NOW);
};

const CUT = 'Our statement on the summit in Strelsau: the ministers agreed on the water commission…';
const WHOLE =
  'Our statement on the summit in Strelsau: the ministers agreed on the water commission and on the ' +
  'date of the next meeting.';

describe('note tweets: matching forms', () => {
  it('drops what X appends to a cut post and folds white space (on text already unescaped)', () => {
    expect(cutForm('Tout va bien & merci…  https://t.co/AbC1230000 https://t.co/XyZ7890000')).toBe(
      'Tout va bien & merci',
    );
    expect(cutForm('Deux\n\n  lignes...')).toBe('Deux lignes');
    expect(cutForm('voir https://t.co/AAAA000001 et…')).toBe('voir \u0000 et');
    // NFD é (e + combining acute) and NFC é meet.
    expect(matchForm(' a  https://t.co/abc\nb &lt;3 e\u0301 ')).toBe('a \u0000 b &lt;3 \u00e9');
  });
});

describe('note tweets: a tweet takes the text of the one note that fits it', () => {
  it.each([
    ['2024-04-02T07:59:55.000Z', true], // 5 s before
    ['2024-04-02T08:00:05.000Z', true], // 5 s after
    ['2024-04-02T08:00:05.001Z', false],
    ['2024-04-02T07:59:54.999Z', false],
  ])('note created at %s: matched %s', (createdAt, matched) => {
    const out = run([note(WHOLE, createdAt)], [tweet(CUT)]);
    expect(out.issues).toEqual([]);
    expect(out.posts[0]?.text).toBe(matched ? WHOLE : CUT);
  });

  it('matches across escapes, white space, another t.co name for the same link and no ellipsis', () => {
    const cut =
      'Programme:\nsee https://t.co/AAAA000001 &amp; register before Friday https://t.co/SeLf000001';
    const whole =
      'Programme:\n\nsee https://t.co/BBBB000001 &amp; register before Friday, or call the consular section.';
    const out = run([note(whole)], [tweet(cut)]);
    expect(out.posts[0]?.text).toBe(
      'Programme:\n\nsee https://t.co/BBBB000001 & register before Friday, or call the consular section.',
    );
  });

  it('unescapes both sides once: a written "&lt;" (sent as &amp;lt;) stays "&lt;"', () => {
    const out = run(
      [note('Read &amp;lt;b&amp;gt; as text, not markup: a long note on escapes.')],
      [tweet('Read &amp;lt;b&amp;gt; as text…')],
    );
    expect(out.posts[0]?.text).toBe('Read &lt;b&gt; as text, not markup: a long note on escapes.');
  });

  it('does not match a note whose text does not begin with the cut text', () => {
    const out = run([note('Our statement on the summit in Zenda: a different post.')], [tweet(CUT)]);
    expect(out.issues).toEqual([]);
    expect(out.posts[0]?.text).toBe(CUT);
  });

  it('keeps the cut text of a tweet two notes fit, with a warning naming the tweet', () => {
    const second = { ...note(`${WHOLE} Corrected.`), noteTweetId: '1775076578000000002' };
    const out = run([note(WHOLE), second], [tweet(CUT)]);
    expect(out.posts[0]?.text).toBe(CUT);
    expect(out.issues).toEqual([
      {
        severity: 'warning',
        code: 'ambiguous-note-tweet',
        message:
          '2 long-post notes (1775076578000000001, 1775076578000000002) fit this tweet: its cut text is kept',
        recordKey: ID,
      },
    ]);
  });

  it('never gives a retweet a note', () => {
    const rt = `RT @StrelsauNews: ${CUT}`;
    const out = run([note(`RT @StrelsauNews: ${WHOLE}`)], [tweet(rt)]);
    expect(out.posts[0]).toMatchObject({ kind: 'repost', text: rt });
  });

  it('reads entities given as strings or objects, and leaves out unusable ones', () => {
    const core = {
      hashtags: ['#Zenda', { text: 'Україна', fromIndex: '0', toIndex: '8' }, 7, { tag: 'x' }],
      mentions: [{ screenName: 'StrelsauNews' }, '@FCDOGovUK', null],
      urls: [
        { shortUrl: 'https://t.co/LiNk000001', expandedUrl: 'https://www.Example.org/a' },
        { expandedUrl: 'https://example.org/b' },
        { displayUrl: 'example.org/c' },
      ],
    };
    const cutMentions = { entities: { user_mentions: [{ screen_name: 'fcdogovuk', id_str: '42' }] } };
    const out = run([note(WHOLE, undefined, core)], [tweet(CUT, cutMentions)]);
    expect(out.issues).toEqual([]);
    expect(out.posts[0]).toMatchObject({
      text: WHOLE,
      hashtags: [
        { tag: 'Zenda', norm: 'zenda' },
        { tag: 'Україна', norm: 'україна' },
      ],
      mentions: [
        { handle: 'StrelsauNews', norm: 'strelsaunews', platformUserId: null },
        { handle: 'FCDOGovUK', norm: 'fcdogovuk', platformUserId: '42' },
      ],
      links: [
        { url: 'https://t.co/LiNk000001', expandedUrl: 'https://www.Example.org/a', domain: 'example.org' },
        { url: 'https://example.org/b', expandedUrl: 'https://example.org/b', domain: 'example.org' },
      ],
    });
  });
});

describe('note tweets: damaged notes are warnings, the tweets are kept', () => {
  it('leaves out notes without text or time, naming their id when they have one', () => {
    const notes = [
      42,
      { noteTweetId: '1775076578000000003', core: { text: 'no time' } },
      { noteTweetId: '1775076578000000004', createdAt: 'yesterday', core: { text: 'bad time' } },
      { noteTweetId: '1775076578000000005', createdAt: '2024-04-02T08:00:00.000Z', core: {} },
    ];
    const out = run(notes, [tweet(CUT)]);
    expect(out.posts.map((p) => p.text)).toEqual([CUT]);
    expect(out.issues.map((i) => [i.severity, i.code, i.recordKey, i.message])).toEqual([
      ['warning', 'bad-note-tweet', null, 'note tweet left out: not a { "noteTweet": … } object'],
      [
        'warning',
        'bad-note-tweet',
        '1775076578000000003',
        'note tweet left out: unreadable createdAt undefined',
      ],
      [
        'warning',
        'bad-note-tweet',
        '1775076578000000004',
        'note tweet left out: unreadable createdAt "yesterday"',
      ],
      ['warning', 'bad-note-tweet', '1775076578000000005', 'note tweet left out: no core.text'],
    ]);
  });

  it('reports a note section that is not an array as a warning', () => {
    const out = run({}, [tweet(CUT)]);
    expect(out.posts.map((p) => p.text)).toEqual([CUT]);
    expect(out.issues).toEqual([
      {
        severity: 'warning',
        code: 'bad-note-tweets',
        message: 'note_tweet.part0 is not an array: long posts keep their cut text',
        recordKey: null,
      },
    ]);
  });
});
