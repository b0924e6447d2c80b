/** Words of the full review page: the public preview, the advertiser, the checks explained, the history in sentences. */
import { registerMessages } from '../../core/i18n.js';

const ko: Record<string, string> = {
  'review.counts': '검토 대기: 새 광고 {listings}건 · 수정 {revisions}건 · 게시 후 확인 {postReview}건 · 신고 {reports}건',
  'review.preview': '공개 화면 미리보기', 'review.previewHint': '승인하면 이용자에게 아래처럼 보입니다.',
  'review.facts': '모든 항목', 'review.fact.kind': '종류', 'review.fact.categories': '분류', 'review.fact.businessRegNo': '사업자등록번호',
  'review.fact.website': '웹사이트', 'review.fact.expires': '게시 종료일', 'review.fact.origin': '출처', 'review.fact.photos': '사진', 'review.fact.branches': '지점',
  'review.fact.none': '(없음)', 'review.origin.print_ad': '지면 광고에서 옮김', 'review.origin.web': '광고주가 직접 등록', 'review.photosCount': '{n}장',
  'review.advertiser': '광고주', 'review.advertiser.none': '광고주 계정이 없는 광고입니다 (데스크 또는 관리자 등록).',
  'review.advertiser.since': '가입 {day} ({days}일째)', 'review.advertiser.listings': '광고 {n}개',
  'review.advertiser.decisions': '지금까지 승인 {approved}번 · 반려 {rejected}번',
  'review.shared': '같은 전화번호를 쓰는 다른 광고', 'review.shared.none': '같은 번호를 쓰는 다른 광고가 없습니다.',
  'review.shared.sameOwner': '같은 광고주', 'review.shared.otherOwner': '다른 광고주',
  'review.flagWhy.banned_word': '금칙어가 글에 있습니다: {detail}', 'review.flagWhy.banned_phone': '차단한 번호입니다: {detail}',
  'review.flagWhy.shared_phone': '다른 광고주의 광고에도 있는 번호입니다: {detail}', 'review.flagWhy.duplicate_text': '소개 글이 다른 광고와 똑같습니다: {detail}',
  'review.flagWhy.many_links': '링크가 {detail}개 있습니다.', 'review.flagWhy.new_account_burst': '가입한 지 7일이 안 된 계정이 하루에 {detail}개를 등록했습니다.',
  'review.flagWhy.post_review': '신뢰 광고주의 수정이라 먼저 게시되었습니다. 확인해 주세요.', 'review.flagWhy.other': '자동 검사: {detail}',
  'review.decide': '결정', 'review.skipToDecide': '결정으로 바로 가기',
  'review.confirm.remove': '이 광고를 삭제합니다 (30일 안에 복구할 수 있습니다)', 'review.confirm.close': '이 광고를 폐업으로 표시합니다',
  'review.reasonChoose': '사유를 고르세요', 'review.danger': '광고를 내리는 처리',
  'review.history.empty': '아직 처리 기록이 없습니다.', 'review.history.by': '{who}', 'review.history.system': '자동 처리',
  'review.history.why': '사유: {reason}', 'review.history.change': '{field}: {before} → {after}',
  'review.field.status': '상태', 'review.field.featuredUntil': '추천 종료일', 'review.field.moderationNote': '광고주에게 보낸 설명',
  'review.field.ownerId': '광고주 계정', 'review.field.role': '역할', 'review.field.isDisabled': '정지', 'review.yes': '예', 'review.no': '아니오',
  'review.subject.listing': '광고 #{id}', 'review.subject.revision': '수정안 #{id}', 'review.subject.user': '회원 #{id}', 'review.subject.category': '분류 #{id}',
  'review.subject.report': '신고 #{id}', 'review.subject.banned_term': '금칙어 #{id}', 'review.subject.import_batch': '가져오기 #{id}', 'review.subject.claim': '소유권 신청 #{id}',
  'review.subject.review': '후기 #{id}', 'review.subject.review_reply': '후기 답글 #{id}', 'review.subject.other': '#{id}',
};
const en: Record<string, string> = {
  'review.counts': 'Waiting: {listings} new listings · {revisions} edits · {postReview} live edits to check · {reports} reports',
  'review.preview': 'What the public will see', 'review.previewHint': 'Once approved, visitors see the listing like this.',
  'review.facts': 'Every field', 'review.fact.kind': 'Kind', 'review.fact.categories': 'Categories', 'review.fact.businessRegNo': 'Business registration number',
  'review.fact.website': 'Website', 'review.fact.expires': 'Listed until', 'review.fact.origin': 'Source', 'review.fact.photos': 'Photos', 'review.fact.branches': 'Branches',
  'review.fact.none': '(none)', 'review.origin.print_ad': 'Taken from a print ad', 'review.origin.web': 'Entered by the advertiser', 'review.photosCount': '{n}',
  'review.advertiser': 'Advertiser', 'review.advertiser.none': 'This listing has no advertiser account (entered by the desk or an admin).',
  'review.advertiser.since': 'Joined {day} (day {days})', 'review.advertiser.listings': '{n} listings',
  'review.advertiser.decisions': 'So far approved {approved} times · rejected {rejected} times',
  'review.shared': 'Other listings with the same phone number', 'review.shared.none': 'No other listing uses these numbers.',
  'review.shared.sameOwner': 'same advertiser', 'review.shared.otherOwner': 'another advertiser',
  'review.flagWhy.banned_word': 'The text contains a banned word: {detail}', 'review.flagWhy.banned_phone': 'A blocked phone number: {detail}',
  'review.flagWhy.shared_phone': "This number is also on another advertiser's listing: {detail}", 'review.flagWhy.duplicate_text': 'The description is the same as another listing: {detail}',
  'review.flagWhy.many_links': 'The text has {detail} links.', 'review.flagWhy.new_account_burst': 'An account less than 7 days old submitted {detail} listings in a day.',
  'review.flagWhy.post_review': "A trusted advertiser's edit, published first. Please check it.", 'review.flagWhy.other': 'Automatic check: {detail}',
  'review.decide': 'Decision', 'review.skipToDecide': 'Go to the decision',
  'review.confirm.remove': 'Remove this listing (it can be restored within 30 days)', 'review.confirm.close': 'Mark this listing closed',
  'review.reasonChoose': 'Choose a reason', 'review.danger': 'Taking the listing down',
  'review.history.empty': 'Nothing has been done yet.', 'review.history.by': '{who}', 'review.history.system': 'Automatic',
  'review.history.why': 'Reason: {reason}', 'review.history.change': '{field}: {before} → {after}',
  'review.field.status': 'Status', 'review.field.featuredUntil': 'Featured until', 'review.field.moderationNote': 'Explanation sent to the advertiser',
  'review.field.ownerId': 'Advertiser account', 'review.field.role': 'Role', 'review.field.isDisabled': 'Disabled', 'review.yes': 'yes', 'review.no': 'no',
  'review.subject.listing': 'Listing #{id}', 'review.subject.revision': 'Edit #{id}', 'review.subject.user': 'User #{id}', 'review.subject.category': 'Category #{id}',
  'review.subject.report': 'Report #{id}', 'review.subject.banned_term': 'Banned term #{id}', 'review.subject.import_batch': 'Import #{id}', 'review.subject.claim': 'Ownership claim #{id}',
  'review.subject.review': 'Review #{id}', 'review.subject.review_reply': 'Review reply #{id}', 'review.subject.other': '#{id}',
};

/** What each audit action says in a sentence's verb place. */
const actions: Record<string, [string, string]> = {
  approve: ['승인했습니다', 'approved'], reject: ['반려했습니다', 'rejected'], request_changes: ['수정을 요청했습니다', 'asked for changes'],
  feature: ['추천 기간을 바꿨습니다', 'changed the featured period'], close: ['폐업으로 표시했습니다', 'marked it closed'], remove: ['삭제했습니다', 'removed it'],
  restore: ['복구했습니다', 'restored it'], mark_reviewed: ['확인 완료로 표시했습니다', 'marked it reviewed'], quick_edit: ['바로 고쳤습니다', 'fixed it directly'],
  approve_edit: ['수정을 승인했습니다', 'approved the edit'], reject_edit: ['수정을 반려했습니다', 'rejected the edit'],
  claim_approve: ['소유권 신청을 승인했습니다', 'approved the ownership claim'], claim_reject: ['소유권 신청을 반려했습니다', 'rejected the ownership claim'],
  set_role: ['역할을 바꿨습니다', 'changed the role'], disable_user: ['계정을 정지했습니다', 'disabled the account'], enable_user: ['정지를 풀었습니다', 're-enabled the account'],
  add_category: ['분류를 추가했습니다', 'added a category'], update_category: ['분류를 고쳤습니다', 'changed a category'], merge_category: ['분류를 합쳤습니다', 'merged a category'],
  ban_term: ['금칙어를 추가했습니다', 'added a banned term'], unban_term: ['금칙어를 뺐습니다', 'removed a banned term'],
  report: ['신고했습니다', 'reported it'], owner_confirm: ['광고주가 신고 내용을 인정했습니다', 'the owner confirmed the report'], owner_dispute: ['광고주가 이의를 냈습니다', 'the owner disputed the report'],
  report_dismiss: ['신고를 기각했습니다', 'dismissed the report'], report_resolve: ['신고를 처리했습니다', 'resolved the report'],
  report_close_listing: ['신고에 따라 폐업으로 표시했습니다', 'marked it closed after a report'], report_remove_listing: ['신고에 따라 삭제했습니다', 'removed it after a report'],
  review_report: ['후기를 신고했습니다', 'reported a review'], desk_import: ['지면 광고를 가져왔습니다', 'imported print ads'], desk_undo: ['가져오기를 되돌렸습니다', 'undid an import'],
  other: ['처리했습니다', 'acted'],
};
for (const [k, [kWord, eWord]] of Object.entries(actions)) {
  ko[`review.act.${k}`] = kWord;
  en[`review.act.${k}`] = eWord;
}

registerMessages({ ko, en });
