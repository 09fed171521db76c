// The stack's parts (storage, issuing, API and sign-in, monitoring) are constructs so that each
// reads on its own, but CloudFormation must not see them: a logical id that changes makes
// CloudFormation replace the resource on deploy, and for the table or the bucket that is a new,
// empty store. The stack therefore allocates logical ids from the construct path without the
// parts' ids, exactly as it did when every resource sat directly in the stack
// (test/cdk/logical-ids.test.ts holds it to that).
import { Names } from 'aws-cdk-lib';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** A part of the stack that groups resources for the reader and leaves their logical ids alone; a direct child of the stack. */
export class ResourceGroup extends Construct {}

/** The logical id CDK would give `element` if no ResourceGroup stood on its path. */
export function logicalIdOutsideGroups(stack: Stack, element: CfnElement): string {
  const scopes = element.node.scopes;
  const path = scopes.slice(scopes.indexOf(stack) + 1).filter((scope) => !(scope instanceof ResourceGroup));
  return uniqueIdOf(path.map((scope) => idOutsideGroups(stack, scope.node.id)));
}

/**
 * Some construct ids embed another construct's unique id (an event source names its queue or
 * table, a rule's invoke permission names its rule); a grouped construct's unique id holds its
 * group's id, so put back the one it had outside the group.
 */
function idOutsideGroups(stack: Stack, id: string): string {
  for (const group of stack.node.children) {
    if (!(group instanceof ResourceGroup)) continue;
    for (const member of group.node.children) {
      const grouped = Names.nodeUniqueId(member.node);
      if (id.includes(grouped)) return id.replace(grouped, uniqueIdOf([stack.node.id, member.node.id]));
    }
  }
  return id;
}

/** CDK's own unique id for a path of construct ids (Names.uniqueId over a detached copy), not a copy of its scheme. */
function uniqueIdOf(ids: string[]): string {
  // A root construct has no id; Names.uniqueId leaves the root out and hashes the ids below it.
  let detached = new Construct(undefined as unknown as Construct, '');
  for (const id of ids) detached = new Construct(detached, id);
  return Names.uniqueId(detached);
}
