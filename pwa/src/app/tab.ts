// What a main tab is, and who sees it. The tabs themselves are in tabs.ts.
import type { Component, Ref } from 'vue';
import type { IconName } from '../ui/icons.ts';

export interface Tab {
  readonly id: string;
  readonly label: string;
  readonly icon: IconName;
  readonly path: string;
  /** Its list: the whole screen on a phone, the left pane on a desktop. */
  readonly pane: Component;
  /** What the right pane shows on a desktop while nothing else is open (the map); a placeholder otherwise. */
  readonly page?: Component;
  /** Said to someone whose roles may not use it and who opens its address anyway (instead of its list). */
  readonly refused?: string;
  /** Whether a person with these roles may use it (the server checks again). */
  readonly may: (roles: readonly string[]) => boolean;
  /** A count on the tab (unread …); called once in the shell's setup. */
  readonly useBadge?: () => Ref<number>;
}

export const everyone = () => true;
export const holds = (role: string) => (roles: readonly string[]) => roles.includes(role);

/** The tabs a person with these roles sees, in order. */
export const tabsFor = (tabs: readonly Tab[], roles: readonly string[]) => tabs.filter((t) => t.may(roles));
