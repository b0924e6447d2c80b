import { registerMessages } from '../../core/i18n.js';

registerMessages({
  ko: {
    'reminder.mail.confirm.subject': '[골목] "{name}" 광고 정보가 아직 맞나요?',
    'reminder.mail.confirm.body':
      '안녕하세요. 골목에 올리신 "{name}" 광고의 정보(전화번호, 주소, 영업시간)를 확인한 지 6개월이 지났습니다.\n\n정보가 그대로라면 아래 링크를 열고 "정보가 맞습니다"를 누르세요. 로그인하지 않아도 되고, 다른 것은 바뀌지 않습니다. 링크는 {days}일 동안 한 번만 쓸 수 있습니다.\n{url}\n\n바뀐 내용이 있으면 내 광고에서 고쳐 주세요: {myListings}\n\n12개월 동안 확인하지 않으면 광고에 "정보가 오래되었을 수 있습니다"가 표시되고 검색에서 뒤로 밀립니다. 광고가 지워지지는 않습니다.',
    'reminder.mail.renew.subject': '[골목] "{name}" 광고가 곧 끝납니다',
    'reminder.mail.renew.body':
      '안녕하세요. 골목에 올리신 "{name}" 광고가 {expires}에 끝납니다.\n\n계속 올려 두려면 아래 링크를 열고 "연장하기"를 누르세요. 로그인하지 않아도 됩니다. 링크는 {days}일 동안 한 번만 쓸 수 있습니다.\n{url}\n\n끝난 광고도 90일 동안은 내 광고에서 연장할 수 있고, 그 뒤에는 보관됩니다(지워지지 않습니다): {myListings}',
    'reminder.ask.confirm': '"{name}" 광고 정보가 맞나요?',
    'reminder.ask.confirm.text':
      '전화번호, 주소, 영업시간이 그대로라면 아래 단추를 누르세요. 정보 확인일만 오늘로 바뀌고 다른 것은 바뀌지 않습니다.',
    'reminder.ask.renew': '"{name}" 광고를 연장할까요?',
    'reminder.ask.renew.text': '아래 단추를 누르면 광고 게시 기간이 오늘부터 다시 시작됩니다.',
    'reminder.button.confirm': '정보가 맞습니다',
    'reminder.button.renew': '연장하기',
    'reminder.done.confirm': '확인해 주셔서 감사합니다',
    'reminder.done.confirm.text': '정보 확인일을 오늘로 바꾸었습니다.',
    'reminder.done.renew': '광고를 연장했습니다',
    'reminder.done.renew.text': '광고 게시 기간이 오늘부터 다시 시작되었습니다.',
    'reminder.state.invalid': '올바르지 않은 링크입니다',
    'reminder.state.invalid.text': '메일에 있는 링크 전체를 그대로 열었는지 확인해 주세요. 내 광고에서도 확인하거나 연장할 수 있습니다.',
    'reminder.state.expired': '기간이 지난 링크입니다',
    'reminder.state.expired.text': '이 링크는 더 이상 쓸 수 없습니다. 로그인한 뒤 내 광고에서 확인하거나 연장해 주세요.',
    'reminder.state.used': '이미 사용한 링크입니다',
    'reminder.state.used.text': '이 링크로는 이미 처리되었습니다. 다시 할 일은 없습니다.',
    'reminder.state.unavailable': '지금은 처리할 수 없는 광고입니다',
    'reminder.state.unavailable.text': '광고가 닫혔거나 보관되어 확인하거나 연장할 수 없습니다. 내 광고에서 상태를 확인해 주세요.',
    'reminder.myListings': '내 광고로 가기',
    'listing.staleNotice':
      '정보가 오래되었을 수 있습니다. 광고주가 1년 넘게 정보를 확인하지 않았습니다. 전화하기 전에 영업 여부를 확인해 주세요.',
  },
  en: {
    'reminder.mail.confirm.subject': '[Golmok] Is the information of "{name}" still right?',
    'reminder.mail.confirm.body':
      'Hello. It has been 6 months since the information of your listing "{name}" on Golmok (phone numbers, address, opening hours) was confirmed.\n\nIf nothing has changed, open the link below and press "The information is right". No login is needed and nothing else changes. The link works once, for {days} days.\n{url}\n\nIf something has changed, please edit it in My listings: {myListings}\n\nAfter 12 months without confirmation the listing shows "The information may be out of date" and ranks lower in search. It is never deleted.',
    'reminder.mail.renew.subject': '[Golmok] Your ad "{name}" ends soon',
    'reminder.mail.renew.body':
      'Hello. Your ad "{name}" on Golmok ends on {expires}.\n\nTo keep it up, open the link below and press "Renew". No login is needed. The link works once, for {days} days.\n{url}\n\nAn ended ad can still be renewed from My listings for 90 days; after that it is archived (not deleted): {myListings}',
    'reminder.ask.confirm': 'Is the information of "{name}" still right?',
    'reminder.ask.confirm.text':
      'If the phone numbers, address and opening hours are unchanged, press the button. Only the "last confirmed" date becomes today; nothing else changes.',
    'reminder.ask.renew': 'Renew the ad "{name}"?',
    'reminder.ask.renew.text': "Pressing the button starts the ad's run again from today.",
    'reminder.button.confirm': 'The information is right',
    'reminder.button.renew': 'Renew',
    'reminder.done.confirm': 'Thank you for confirming',
    'reminder.done.confirm.text': 'The "last confirmed" date is now today.',
    'reminder.done.renew': 'Your ad is renewed',
    'reminder.done.renew.text': "The ad's run starts again from today.",
    'reminder.state.invalid': 'This link is not valid',
    'reminder.state.invalid.text': 'Check that you opened the whole link from the mail. You can also confirm or renew from My listings.',
    'reminder.state.expired': 'This link has expired',
    'reminder.state.expired.text': 'The link can no longer be used. Log in and confirm or renew from My listings.',
    'reminder.state.used': 'This link has already been used',
    'reminder.state.used.text': 'It has already been done; there is nothing more to do.',
    'reminder.state.unavailable': 'This listing cannot be handled now',
    'reminder.state.unavailable.text':
      'The listing was closed or archived, so it cannot be confirmed or renewed. Check its status in My listings.',
    'reminder.myListings': 'Go to My listings',
    'listing.staleNotice':
      'The information may be out of date: the advertiser has not confirmed it for over a year. Check that the business is open before calling.',
  },
});
