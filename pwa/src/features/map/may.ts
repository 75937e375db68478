// Who sees the map: dispatchers and admins (the component's `locations` permission; it refuses anyone else).
export const maySeeMap = (roles: readonly string[]) => roles.includes('dispatcher') || roles.includes('admin');
