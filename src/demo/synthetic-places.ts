/**
 * Where synthetic listings are: for each 구 of Gwangju, road names that run through it and its 동 (used in shop names,
 * as shops take their neighbourhood's name). Road names were checked against public address listings; a 대로 that
 * crosses several 구 is listed under each 구 it was seen in.
 */
export const DISTRICT_ROADS: Readonly<Record<string, readonly string[]>> = {
  동구: ['금남로', '충장로', '예술길', '제봉로', '남문로', '필문대로', '백서로', '서석로', '동명로', '동계천로', '문화전당로', '경양로'],
  서구: ['상무중앙로', '군분2로', '치평로', '풍암신흥로', '화운로', '상무대로', '운천로', '내방로', '화정로', '경열로', '쌍촌로', '상무자유로',
    '상무평화로', '월드컵4강로', '시청로', '유덕로', '양동로', '풍암중앙로'],
  남구: ['봉선로', '백운로', '대남대로', '서문대로', '진월로', '효덕로', '제중로', '회재로', '백서로'],
  북구: ['금남로', '용봉로', '우치로', '설죽로', '운암로', '서방로', '일곡로', '무등로', '삼정로', '태봉로', '자미로', '서림로', '북문대로'],
  광산구: ['수완로', '첨단중앙로', '하남대로', '월계로', '임방울대로', '신창로', '수등로', '장신로', '사암로', '용아로', '손재로'],
};

/** The 동 of each 구 that shop names and descriptions mention (full names, with 동). */
export const DISTRICT_DONGS: Readonly<Record<string, readonly string[]>> = {
  동구: ['충장동', '금남동', '대인동', '산수동', '지산동', '학동', '계림동', '서석동', '동명동', '소태동', '용산동', '운림동'],
  서구: ['치평동', '화정동', '풍암동', '금호동', '농성동', '양동', '광천동', '쌍촌동', '유덕동', '서창동', '동천동', '마륵동', '매월동'],
  남구: ['봉선동', '주월동', '진월동', '월산동', '백운동', '방림동', '사직동', '양림동', '효덕동', '송암동', '대촌동', '노대동', '송하동'],
  북구: ['용봉동', '운암동', '일곡동', '문흥동', '두암동', '오치동', '매곡동', '삼각동', '양산동', '신용동', '풍향동', '각화동', '동림동',
    '건국동', '중흥동', '임동', '신안동', '본촌동', '연제동', '석곡동'],
  광산구: ['수완동', '신가동', '송정동', '우산동', '하남동', '운남동', '신창동', '월곡동', '비아동', '소촌동', '도산동', '평동',
    '장덕동', '산월동', '쌍암동', '선운동', '신흥동'],
};

/** Names locals use for a part of their 구 that is no 동 of its own (a market, a new town, the mountain). */
export const DISTRICT_LANDMARKS: Readonly<Record<string, readonly string[]>> = {
  동구: ['무등산', '남광주', '충장로'],
  서구: ['상무', '금호지구', '풍암호수'],
  남구: ['푸른길', '백운광장'],
  북구: ['말바우', '전대', '일곡지구'],
  광산구: ['첨단', '송정역', '수완지구'],
};

/** The word a sign takes from a 동: 봉선동 → 봉선, but a one-syllable 동 keeps its 동 (학동, 양동, 임동). */
export function placeWord(dong: string): string {
  return dong.length > 2 && dong.endsWith('동') ? dong.slice(0, -1) : dong;
}
