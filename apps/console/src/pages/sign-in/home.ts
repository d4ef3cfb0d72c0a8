/** The page a role lands on after signing in. */
export function homeOf(role: string): string {
  if (role === 'warehouse') return '/warehouse';
  if (role === 'merchant') return '/merchant';
  if (role === 'ops') return '/ops';
  return '/cases';
}
