// Quick-response templates, edited by admins (issue #13 part 4; a template is
// issue #8's: title, choices, rule, expiry, escalation, context fields).
// Typed values only; protocol/README.md, "Commands", describes the forms.

/** The template edit form (its id first, then every field) and the templates table. */
export const FORM_TEMPLATE = 'urn:bleep:template:0';
export const FORM_TEMPLATES = 'urn:bleep:templates:0';

/** XEP-0050 nodes on ops.<domain>. */
export const TEMPLATE_COMMANDS = {
  /** Every staff member: the templates, with everything they set. */
  templates: 'templates',
  /** Admins: add or change a template (validated, audited). */
  templateEdit: 'template-edit',
  /** Admins: delete a template (audited); not the one the dispatchers' map sends (TEMPLATE_IDS.requestAssistance). */
  templateDelete: 'template-delete',
} as const;

/**
 * Field vars of the template edit form (FORM_TEMPLATE) and the table
 * (FORM_TEMPLATES). Multi-valued fields take one value per line.
 */
export const TEMPLATE_FIELDS = {
  id: 'id',
  title: 'title',
  /** One button per line: `<value> <style> accepts|declines <label>`, e.g. `accept primary accepts Accept`. */
  choices: 'choices',
  /** exclusive, each or quorum (RULE_KINDS). */
  rule: 'rule',
  /** With rule quorum: how many accepts are needed. */
  quorum: 'quorum',
  /** Seconds until an unanswered request expires; empty: never. */
  expires: 'expires',
  /** Seconds without enough accepts before the escalation goes out; empty: no escalation. */
  escalateAfter: 'escalate-after',
  /** Roles whose on-duty holders the escalation asks too. */
  escalateRoles: 'escalate-roles',
  /** People (bare JIDs of the domain) the escalation asks too. */
  escalatePeople: 'escalate-people',
  /** One context field per line: `<var> text|jid required|optional <label>`, e.g. `bed text optional Bed`. */
  fields: 'fields',
  /** What an accept does: none, or join-room (the responder becomes a member of the room in field `room`). */
  onAccept: 'on-accept',
} as const;

export const TEMPLATE_ON_ACCEPT = ['none', 'join-room'] as const;

/** What a template may hold. */
export const TEMPLATE_LIMITS = {
  title: 60,
  /** Buttons: a phone's notification shows a few, and a text answer names one by number. */
  choices: 6,
  choiceLabel: 30,
  fields: 10,
  fieldLabel: 40,
  quorum: 50,
  /** Seconds. */
  expires: { min: 10, max: 7 * 86_400 },
  escalateAfter: { min: 10, max: 86_400 },
} as const;
