import { defineConnector } from '../connector.js';
import { readWhole } from '../shared/read-file.js';
import { mapTelegramExport } from './map.js';

const MESSAGES = /"messages"\s*:\s*\[/;
const CHANNEL = /"type"\s*:\s*"(?:public|private)_channel"/;
const MESSAGE = /"type"\s*:\s*"(?:message|service)"/;

/** A Telegram Desktop JSON export (result.json) of a channel, or a whole-account export (its channels only). */
export const telegram = defineConnector({
  id: 'telegram',
  platform: 'telegram',
  title: 'Telegram Desktop JSON export (result.json)',
  payload: 'json',
  rawEncoding: 'json',
  detect: ({ head }) => {
    if (!head.trimStart().startsWith('{')) return 0;
    if (MESSAGES.test(head) && CHANNEL.test(head)) return 1;
    if (MESSAGES.test(head) && MESSAGE.test(head) && head.includes('"date"')) return 0.8;
    // A whole-account export starts with "about" and "personal_information"; its chats may lie beyond the head.
    if (head.includes('"personal_information"') && head.includes('"about"')) return 0.6;
    return 0;
  },
  read: readWhole,
  map: (value, context) => mapTelegramExport(value, context.observedAt),
});
