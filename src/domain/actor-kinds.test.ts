import { describe, expect, it } from 'vitest';
import { classifyActorKind } from './actor-kinds.js';
import { platformFromLabel } from './platforms.js';

describe('classifyActorKind', () => {
  it.each([
    ['embassy', 'embassy'],
    ['consulate general', 'consulate'],
    ['honorary consulate', 'consulate'],
    ['high commission', 'high-commission'],
    ['British High Commission', 'high-commission'],
    ['apostolic nunciature', 'nunciature'],
    ['de facto embassy', 'representative-office'],
    ['Quebec Government Office', 'representative-office'],
    ['Permanent Mission of Finland to the United Nations, Geneva', 'permanent-mission'],
    ['Permanent Delegation of Sweden to the OSCE', 'permanent-mission'],
    ['Delegation of the European Union to Japan', 'delegation'],
    ['Ministry for Foreign Affairs of Sweden', 'ministry'],
    ['United States Department of State', 'ministry'],
    ['Embassy of the United States, Mogadishu', 'embassy'],
    ['Statue of Liberty', 'other'],
  ])('%s → %s', (text, kind) => {
    expect(classifyActorKind(text)).toBe(kind);
  });
});

describe('platformFromLabel', () => {
  it('maps labels of the sources to platform ids and slugs the rest', () => {
    expect(platformFromLabel('X')).toBe('x');
    expect(platformFromLabel('Twitter')).toBe('x');
    expect(platformFromLabel('Twitch channel')).toBe('twitch-channel');
    expect(platformFromLabel('Odnoklassniki')).toBe('odnoklassniki');
  });
});
