// Interface resolution: inject interface properties into implementing nodes and enforce the agreement rules (§3.3).
import type { PropertyDraft, TypeDraft } from './draft.js';
import { formatPropertyType, samePropertyType } from './property-type.js';
import type { Reporter } from './reporter.js';

/**
 * For each `implements I` of `node`: copy I's properties the node does not declare (with their annotations), check
 * that directly declared ones have the identical type, and that two interfaces sharing a name agree on it.
 * Constraint annotations (`@key`/`@unique`/`@index`/`@embed`) of an interface property also apply when the node
 * redeclares it; the node's own description and custom annotations come first.
 */
export function injectInterfaces(rep: Reporter, node: TypeDraft, interfaces: ReadonlyMap<string, TypeDraft>): void {
  const typeName = node.name.text;
  const seenInterfaces = new Set<string>();
  const byName = new Map(node.properties.map((p) => [p.name, p]));
  for (const ref of node.implements) {
    const iname = ref.text;
    if (seenInterfaces.has(iname)) {
      rep.report('S509', `node ${typeName} implements interface '${iname}' twice`, ref.range, { typeName });
      continue;
    }
    seenInterfaces.add(iname);
    const iface = interfaces.get(iname);
    if (iface === undefined) {
      rep.report('S506', `node ${typeName} implements unknown interface '${iname}'`, ref.range, { typeName });
      continue;
    }
    for (const ip of iface.properties) {
      const existing = byName.get(ip.name);
      const ctx = { typeName, property: ip.name };
      if (existing === undefined) {
        const injected: PropertyDraft = { ...ip, origin: 'injected', interfaces: [iname], annotations: [...ip.annotations] };
        node.properties.push(injected);
        byName.set(ip.name, injected);
      } else if (existing.origin === 'declared') {
        if (!samePropertyType(existing.type, ip.type)) {
          rep.report(
            'S507',
            `node ${typeName} property '${ip.name}' has type ${formatPropertyType(existing.type)} but interface ${iname} declares it as ${formatPropertyType(ip.type)}`,
            existing.typeRange,
            ctx,
          );
          continue;
        }
        mergeInto(existing, ip, iname);
      } else {
        const conflict = disagreementOf(existing, ip);
        if (conflict !== null) {
          rep.report('S508', `interfaces ${existing.interfaces.join(', ')} and ${iname} disagree on property '${ip.name}' of node ${typeName} (${conflict})`, ref.range, ctx);
          continue;
        }
        existing.interfaces.push(iname);
      }
    }
  }
  for (const p of node.properties) p.interfaces.sort();
}

function mergeInto(target: PropertyDraft, source: PropertyDraft, iname: string): void {
  target.key ??= source.key;
  target.unique ??= source.unique;
  target.index ??= source.index;
  target.embed ??= source.embed;
  target.description ??= source.description;
  for (const a of source.annotations) {
    const text = JSON.stringify(a);
    if (!target.annotations.some((b) => JSON.stringify(b) === text)) target.annotations.push(a);
  }
  target.interfaces.push(iname);
}

function disagreementOf(a: PropertyDraft, b: PropertyDraft): string | null {
  if (!samePropertyType(a.type, b.type)) return `${formatPropertyType(a.type)} vs ${formatPropertyType(b.type)}`;
  for (const flag of ['key', 'unique', 'index'] as const) {
    if ((a[flag] === null) !== (b[flag] === null)) return `@${flag} on one side only`;
  }
  if (JSON.stringify([a.embed?.source, a.embed?.model]) !== JSON.stringify([b.embed?.source, b.embed?.model])) return 'different @embed';
  return null;
}
