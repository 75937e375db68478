// The push-register and push-unregister forms, declared once (xmpp/dataform.ts).
import { FORM_PUSH_REGISTER, FORM_PUSH_REGISTERED, FORM_PUSH_UNREGISTER, PUSH_FIELDS as F } from '@bleep/protocol';
import type { FormDef } from '../xmpp/dataform.ts';

export const REGISTER_FORM: FormDef = {
  formType: FORM_PUSH_REGISTER,
  title: 'Push notifications for this device',
  instructions:
    "Subscribe with the server's key (PushManager.subscribe, applicationServerKey), then send the subscription.",
  fields: [
    { var: F.vapidKey, type: 'hidden', label: "Server's key (VAPID, base64url)", maxLength: 200 },
    { var: F.endpoint, type: 'text-single', label: 'Endpoint', required: true, maxLength: 2000 },
    { var: F.p256dh, type: 'text-single', label: 'Key (p256dh, base64url)', required: true, maxLength: 200 },
    { var: F.auth, type: 'text-single', label: 'Secret (auth, base64url)', required: true, maxLength: 100 },
  ],
};

/** XEP-0357 §5: what the client then enables on its own account. */
export const REGISTERED_FORM: FormDef = {
  formType: FORM_PUSH_REGISTERED,
  title: 'Push registered',
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Push service' },
    { var: F.node, type: 'text-single', label: 'Node' },
  ],
};

export const UNREGISTER_FORM: FormDef = {
  formType: FORM_PUSH_UNREGISTER,
  title: 'Stop push notifications',
  instructions: "Give this device's endpoint; leave it empty to stop push on all of your devices.",
  fields: [{ var: F.endpoint, type: 'text-single', label: 'Endpoint', maxLength: 2000 }],
};
