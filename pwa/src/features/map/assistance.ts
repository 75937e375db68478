// "Request assistance" from the map (issues #8 and #9): the quick-response
// template of that name to the people selected, through the one `request`
// command the requests feature runs (its forms as the component declares
// them), with "Where" filled in. The answers show on each marker live, from
// the request's states (features/messages).
import { REQUEST_FIELDS, TEMPLATE_IDS, type RequestState } from '@bleep/protocol';
import { useRequests } from '../requests/index.ts';

/** Sends it; the request's id, or an Error with the component's reason. */
export async function requestAssistance(jids: readonly string[], where: string): Promise<string | Error> {
  const requests = useRequests();
  await requests.begin({
    [REQUEST_FIELDS.template]: [TEMPLATE_IDS.requestAssistance],
    [REQUEST_FIELDS.people]: [...jids],
  });
  // Step 1 (template and people), then step 2 (the template's fields: where, note).
  for (let i = 0; i < 2 && requests.step && !requests.error; i++) {
    if (i === 1) requests.values = { ...requests.values, where: [where] };
    await requests.advance();
  }
  if (requests.sent) return requests.sent.id;
  await requests.cancel();
  return new Error(requests.error || 'The request was not sent.');
}

/** Each person's answer so far, as a label ("On my way"), by bare JID. */
export function answersByPerson(state: RequestState | undefined): Map<string, string> {
  const label = (choice: string) => {
    const words = choice.replace(/-/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  };
  return new Map((state?.answers ?? []).map((a) => [a.by, label(a.choice)]));
}
