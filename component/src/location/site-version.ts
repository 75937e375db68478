// A site model's version: a digest of the model as stored, so `site` and
// `site-edit` agree on it without a column of its own, across restarts.
import { createHash } from 'node:crypto';
import type { SiteModel } from '@bleep/protocol';

export const siteVersion = (model: SiteModel): string =>
  createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 16);
