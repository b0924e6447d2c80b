/** Words of the import preview's cards and table: sub-rows, the category choice, importing only the ready rows. */
import { registerMessages } from '../../core/i18n.js';

const ko: Record<string, string> = {
  'desk.preview.importReady': '준비된 행만 가져오기',
  'desk.preview.readyHelp': '올릴 수 있는 {ready}행을 가져오고, 오류가 있는 {invalid}행은 이 묶음에 남겨 두어 나중에 고칠 수 있습니다.',
  'desk.preview.importAllHelp': '오류가 없습니다. 모든 행을 한 번에 가져옵니다.',
  'desk.preview.rowTitle': '{row}행: {name}', 'desk.preview.noName': '(상호 없음)',
  'desk.preview.kind.business': '업체', 'desk.preview.kind.classified': '생활광고',
  'desk.category.choose': '분류를 고르세요', 'desk.category.typed': '‘{typed}’ (맞는 분류 없음)',
  'desk.category.near': '‘{typed}’을(를) ‘{name}’(으)로 맞췄습니다. 맞는지 확인해 주세요.',
  'desk.category.unknown': '‘{typed}’에 맞는 분류가 없습니다. 비슷한 분류: {suggestions}. 목록에서 골라 주세요.',
  'desk.category.unknownNone': '‘{typed}’에 맞는 분류가 없습니다. 목록에서 골라 주세요.',
  'desk.category.more': '다른 분류도 함께 넣습니다: {names}',
  'desk.error.noneReady': '가져올 수 있는 행이 없습니다. 오류를 고치거나 행을 빼 주세요.',
  'desk.batch.waiting': '오류가 있는 {n}행은 가져오지 않고 남겨 두었습니다.', 'desk.batch.waitingLink': '남은 행 이어서 고치기',
  'desk.sub.branches': '지점', 'desk.sub.offers': '상품·가격', 'desk.sub.account': '계좌', 'desk.sub.new': '새로 추가 (비워 두면 넣지 않습니다)',
  'desk.sub.b.name': '지점 이름', 'desk.sub.b.address': '주소', 'desk.sub.b.phones': '지점 전화',
  'desk.sub.o.name': '품목', 'desk.sub.o.price': '가격', 'desk.sub.o.note': '메모',
  'desk.sub.a.bank': '은행', 'desk.sub.a.holder': '예금주', 'desk.sub.a.number': '계좌번호',
  'desk.sub.fieldLabel': '{row}행 {what} {n} {part}',
};
const en: Record<string, string> = {
  'desk.preview.importReady': 'Import the ready rows only',
  'desk.preview.readyHelp': 'Imports the {ready} ready rows; the {invalid} rows with errors stay in this batch to fix later.',
  'desk.preview.importAllHelp': 'No errors. All rows are imported at once.',
  'desk.preview.rowTitle': 'Row {row}: {name}', 'desk.preview.noName': '(no name)',
  'desk.preview.kind.business': 'Business', 'desk.preview.kind.classified': 'Classified',
  'desk.category.choose': 'Choose a category', 'desk.category.typed': '“{typed}” (no matching category)',
  'desk.category.near': '“{typed}” was matched to “{name}”. Please check.',
  'desk.category.unknown': 'No category matches “{typed}”. Close ones: {suggestions}. Choose one from the list.',
  'desk.category.unknownNone': 'No category matches “{typed}”. Choose one from the list.',
  'desk.category.more': 'Also in: {names}',
  'desk.error.noneReady': 'No row is ready to import. Fix the errors or drop rows.',
  'desk.batch.waiting': 'The {n} rows with errors were not imported; they are kept.', 'desk.batch.waitingLink': 'Go on fixing the remaining rows',
  'desk.sub.branches': 'Branches', 'desk.sub.offers': 'Items and prices', 'desk.sub.account': 'Accounts', 'desk.sub.new': 'Add one (left empty, nothing is added)',
  'desk.sub.b.name': 'Branch name', 'desk.sub.b.address': 'Address', 'desk.sub.b.phones': 'Branch phone',
  'desk.sub.o.name': 'Item', 'desk.sub.o.price': 'Price', 'desk.sub.o.note': 'Note',
  'desk.sub.a.bank': 'Bank', 'desk.sub.a.holder': 'Holder', 'desk.sub.a.number': 'Account number',
  'desk.sub.fieldLabel': 'Row {row} {what} {n} {part}',
};
registerMessages({ ko, en });
