/**
 * A reviewer's public name, generated from the account id: stable for the account, never its e-mail, and not its id
 * in plain sight (the id is scrambled before the words are picked). About 40,000 names: a name tells readers that two
 * reviews are by the same person, not who they are.
 */
const ADJECTIVES = ['산뜻한', '부지런한', '느긋한', '다정한', '씩씩한', '꼼꼼한', '명랑한', '수줍은', '용감한', '친절한',
  '조용한', '성실한', '유쾌한', '든든한', '상냥한', '재빠른', '차분한', '포근한', '반짝이는', '단단한'];
const ANIMALS = ['다람쥐', '고양이', '참새', '너구리', '수달', '고슴도치', '펭귄', '토끼', '부엉이', '돌고래',
  '거북이', '여우', '판다', '사슴', '두루미', '강아지', '코알라', '햄스터', '오리', '기린'];

export function generatedNickname(userId: number): string {
  const h = Math.imul(userId, 2654435761) >>> 0;
  const adjective = ADJECTIVES[h % ADJECTIVES.length]!;
  const animal = ANIMALS[Math.floor(h / ADJECTIVES.length) % ANIMALS.length]!;
  const n = (Math.floor(h / (ADJECTIVES.length * ANIMALS.length)) % 99) + 1;
  return `${adjective} ${animal} ${n}`;
}
