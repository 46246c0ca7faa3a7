import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './dates.js';
import { htmlToText, plainTextHashtags, plainTextLinks } from './html-text.js';

describe('parseFeedDate', () => {
  it.each([
    ['Wed, 15 May 2019 20:48:02 +0000', '2019-05-15T20:48:02.000Z', true],
    ['Sat, 18 May 2019 10:52:50 +0300', '2019-05-18T07:52:50.000Z', true],
    ['18 May 2019 10:52 GMT', '2019-05-18T10:52:00.000Z', true],
    ['Tue, 4 Jun 24 08:00:00 EDT', '2024-06-04T12:00:00.000Z', true],
    ['Thu, 05 September 2024 12:00:00 CEST', '2024-09-05T10:00:00.000Z', true],
    ['2024-12-16T15:10:21+00:00', '2024-12-16T15:10:21.000Z', true],
    ['2025-02-26T16:42:45Z', '2025-02-26T16:42:45.000Z', true],
    ['2024-03-01T10:15:00.123456+01:00', '2024-03-01T09:15:00.123Z', true],
    ['2019-05-18 10:58:46 +0300', '2019-05-18T07:58:46.000Z', true],
    ['2024-03-02', '2024-03-02T00:00:00.000Z', true],
    ['2019-05-19 08:00:00', '2019-05-19T08:00:00.000Z', false],
    ['Sat, 18 May 2019 10:52:50', '2019-05-18T10:52:50.000Z', false],
  ])('%s → %s', (raw, iso, zoned) => {
    expect(parseFeedDate(raw)).toEqual({ iso, zoned });
  });

  it.each([
    'yesterday',
    '1',
    '2019',
    'Sa, 18 Mai 2019 10:52:50 +0200',
    '2024-02-30T00:00:00Z',
    '31 Apr 2024 10:00:00 GMT',
    '2024-13-01',
    '2024-01-01T25:00:00Z',
    '',
  ])('refuses %j', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});

describe('htmlToText and plain-text entities', () => {
  it('keeps paragraphs and line breaks, drops script-like elements, collects anchors', () => {
    const html =
      '<h1>Title</h1><p>One &amp; <b>two</b><br>three</p><script>x()</script><style>p{}</style>' +
      '<ul><li><a href="/a">A</a></li><li><a href=" https://b.example/ ">B</a></li></ul>';
    expect(htmlToText(html)).toEqual({
      text: 'Title\n\nOne & two\nthree\n\nA\nB',
      links: ['/a', 'https://b.example/'],
    });
  });

  it('does not turn text that merely contains "<" into markup, and keeps an unclosed script out', () => {
    expect(htmlToText('a < b and c > d').text).toBe('a < b and c > d');
    expect(htmlToText('before<script>never closed').text).toBe('before');
  });

  it('finds URLs and hashtags in plain text as a reader would', () => {
    const text = 'See https://kotlinlang.org/docs/x.html#y. (also http://a.example/b) #kotlin #$ #2024 #Київ';
    expect(plainTextLinks(text)).toEqual(['https://kotlinlang.org/docs/x.html#y', 'http://a.example/b']);
    expect(plainTextHashtags(text)).toEqual(['kotlin', 'Київ']);
  });
});
