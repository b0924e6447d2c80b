/** schema.org JSON-LD for a listing page: LocalBusiness (or the category's subtype), one department per branch. */
import { formatRoadAddress } from '../../lib/korean-address.js';
import { stripControlChars } from '../../lib/plain-text.js';
import type { BranchRow, ListingGraph } from './listing-graph.js';

const DAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function openingHours(b: BranchRow) {
  return b.hours.filter((h) => !h.isClosed && h.opensAt && h.closesAt).flatMap((h) => {
    const spec = (opens: string, closes: string) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${DAY[h.weekday]}`,
      opens,
      closes,
    });
    return h.breakStart && h.breakEnd ? [spec(h.opensAt!, h.breakStart), spec(h.breakEnd, h.closesAt!)] : [spec(h.opensAt!, h.closesAt!)];
  });
}

function place(b: BranchRow, name: string) {
  return {
    '@type': 'LocalBusiness',
    name: b.name ? `${name} ${b.name}` : name,
    address: {
      '@type': 'PostalAddress',
      addressCountry: 'KR',
      addressRegion: b.sido ?? undefined,
      addressLocality: b.sigungu ?? undefined,
      streetAddress:
        [b.roadName && b.buildingNo ? `${b.roadName} ${b.buildingNo}` : b.roadName, b.detail].filter(Boolean).join(' ') || undefined,
      postalCode: b.postalCode ?? undefined,
    },
    telephone: b.phones.find((p) => p.type !== 'fax')?.e164,
    ...(b.lat !== null && b.lng !== null && b.lat !== undefined && b.lng !== undefined
      ? { geo: { '@type': 'GeoCoordinates', latitude: b.lat, longitude: b.lng } }
      : {}),
    openingHoursSpecification: openingHours(b),
  };
}

/** `specialHours`: schema.org specialOpeningHoursSpecification entries (closures, holiday hours), when there are any. */
export function listingJsonLd(l: ListingGraph, url: string, imageUrl: string | null, specialHours: unknown[] = []) {
  const type = l.categories[0]?.schemaType ?? 'LocalBusiness';
  const branches = l.branches.map((b) => place(b, l.name));
  const main = l.branches[0];
  return {
    '@context': 'https://schema.org',
    '@type': type,
    name: l.name,
    ...(l.nameLatin ? { alternateName: l.nameLatin } : {}),
    ...(l.legalName ? { legalName: l.legalName } : {}),
    description: l.description || undefined,
    url,
    ...(imageUrl ? { image: imageUrl } : {}),
    telephone: (l.phones.find((p) => p.type !== 'fax') ?? main?.phones[0])?.e164,
    ...(main ? { address: place(main, l.name).address } : {}),
    ...(branches.length > 1
      ? { department: branches }
      : branches.length === 1
        ? { openingHoursSpecification: branches[0].openingHoursSpecification }
        : {}),
    ...(specialHours.length ? { specialOpeningHoursSpecification: specialHours } : {}),
    ...(l.serviceArea ? { areaServed: l.serviceArea } : {}),
    ...(l.brands.length ? { brand: l.brands.map((b) => ({ '@type': 'Brand', name: b })) } : {}),
    ...(l.offers.length
      ? {
          makesOffer: l.offers.map((o) => ({
            '@type': 'Offer',
            name: o.name,
            ...(o.priceKrw !== null ? { price: o.priceKrw, priceCurrency: 'KRW' } : {}),
            ...(o.priceNote ? { description: o.priceNote } : {}),
          })),
        }
      : {}),
  };
}

/** vCard 3.0 text (RFC 2426): name, phones, addresses, URL — to save the shop in the phone's contacts. */
export function listingVCard(l: ListingGraph, url: string): string {
  const esc = (s: string) =>
    stripControlChars(s)
      .replace(/[\r\u2028\u2029]/g, ' ')
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/([,;])/g, '\\$1');
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${esc(l.name)}`, `ORG:${esc(l.legalName ?? l.name)}`];
  const phones = [...l.phones, ...l.branches.flatMap((b) => b.phones)];
  for (const p of phones) lines.push(`TEL;TYPE=${p.type === 'mobile' ? 'CELL' : p.type === 'fax' ? 'FAX' : 'WORK'},VOICE:${p.e164}`);
  for (const b of l.branches) {
    const street = [b.roadName && b.buildingNo ? `${b.roadName} ${b.buildingNo}` : b.roadName, b.detail].filter(Boolean).join(' ');
    lines.push(
      `ADR;TYPE=WORK${b.name ? `;LABEL="${esc(b.name)} ${esc(formatRoadAddress(b))}"` : ''}:;;${esc(street)};${esc(b.sigungu ?? '')};${esc(b.sido ?? '')};${esc(b.postalCode ?? '')};KR`,
    );
  }
  lines.push(`URL:${url}`, 'END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}
