/** A listing's shop-window card → what the print template shows. The offers that fit: 4 on A6, 1 on a business card. */
import type { Lang } from '../../core/i18n.js';
import { formatRoadAddress } from '../../lib/korean-address.js';
import { phoneVM, priceText } from '../listings/index.js';
import type { CardData, CardSize } from './card.service.js';

type T = (key: string, params?: Record<string, string>) => string;
const OFFERS_THAT_FIT: Record<CardSize, number> = { a6: 4, biz: 1 };
const NAME_MAX: Record<CardSize, number> = { a6: 40, biz: 24 };

export function cardVM(c: CardData, size: CardSize, lang: Lang, t: T) {
  const l = c.listing;
  const phone = l.phones.find((p) => p.type !== 'fax') ?? l.branches.flatMap((b) => b.phones).find((p) => p.type !== 'fax') ?? null;
  const category = l.categories[0];
  return {
    name: l.name.length > NAME_MAX[size] ? `${l.name.slice(0, NAME_MAX[size] - 1)}…` : l.name,
    category: category ? (lang === 'en' ? category.nameEn : category.nameKo) : null,
    phone: phone ? phoneVM(phone, lang, t).display : null,
    offers: l.offers.slice(0, OFFERS_THAT_FIT[size]).map((o) => ({ name: o.name, price: priceText(o, lang, t) })),
    // The first branch's road address, without the city: a card hangs in that shop's window.
    address: firstAddress(l),
    siteName: t('site.name'),
    qrSvgHtml: c.qrSvg,
    url: c.url,
    // Printed for typing by hand: host and id only (the id alone leads to the page), never the percent-encoded name.
    shortUrl: c.shortText ?? `${new URL(c.url).host}/listings/${l.id}`,
    scanText: t('card.scan'),
  };
}

function firstAddress(l: CardData['listing']): string | null {
  const b = l.branches.find((x) => x.roadName);
  return b ? formatRoadAddress({ sigungu: b.sigungu, roadName: b.roadName, buildingNo: b.buildingNo }) : null;
}

export function cardsPageVM(cards: CardData[], size: CardSize, lang: Lang, t: T) {
  return { size, sizeClass: size === 'biz' ? 'card-biz' : 'card-a6', cards: cards.map((c) => cardVM(c, size, lang, t)), lang };
}
