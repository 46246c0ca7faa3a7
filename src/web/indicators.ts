import type { Indicator } from './types.js';

/** The ranking indicators, as in docs/methodology.md ("Ranking"), with how each is shown. */
export const INDICATOR_LIST: readonly Indicator[] = [
  'reach',
  'activity',
  'engagement',
  'responsiveness',
  'growth',
  'breadth',
  'languages',
  'connectedness',
];

export const INDICATOR_INFO: Record<
  Indicator,
  { label: string; unit: string; color: string; ratio?: boolean }
> = {
  reach: { label: 'Reach', unit: 'followers', color: '#4d79a7' },
  activity: { label: 'Activity', unit: 'posts per day', color: '#f28e2b' },
  engagement: {
    label: 'Engagement',
    unit: 'interactions per follower per post',
    color: '#e15759',
    ratio: true,
  },
  responsiveness: { label: 'Responsiveness', unit: 'replies per original post', color: '#76b7b2' },
  growth: { label: 'Growth', unit: 'follower change in the window', color: '#59a14f', ratio: true },
  breadth: { label: 'Breadth', unit: 'active channels (platforms for a channel)', color: '#edc948' },
  languages: { label: 'Languages', unit: 'languages posted in', color: '#b07aa1' },
  connectedness: { label: 'Connectedness', unit: 'reciprocal follows', color: '#9c755f' },
};
