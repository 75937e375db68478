// How a person's marker looks on the dispatcher's map: coloured by role,
// faded when no update came lately, marked when selected.
import { describe, expect, it } from 'vitest';
import { pinClasses } from './markers.ts';

describe('map markers', () => {
  it("take the colour of the person's first role that has one", () => {
    expect(pinClasses(['doctor', 'cardiology'], false, false)).toBe('map-pin role-doctor');
    expect(pinClasses(['anaesthesia', 'nurse'], false, false)).toBe('map-pin role-nurse');
    expect(pinClasses(['porter'], false, false)).toBe('map-pin role-other');
  });

  it('fade when stale and show the selection', () => {
    expect(pinClasses(['dispatcher'], true, false)).toBe('map-pin role-dispatcher stale');
    expect(pinClasses(['admin'], true, true)).toBe('map-pin role-admin stale selected');
  });
});
