/** Reference data every install needs: the two-level category tree with Korean and English names and search synonyms. */
import type { Knex } from 'knex';

type Row = [slug: string, ko: string, en: string, synonyms: string, schemaType: string];
const TREE: Array<[Row, Row[]]> = [
  [['shopping', '쇼핑·판매', 'Shopping', '가게 상점 매장 shop store', 'Store'], [
    ['flowers', '꽃·화환 배달', 'Flowers & wreaths', '꽃 꽃집 꽃배달 화환 화분 난 축하화환 근조화환 flower flowers florist wreath', 'Florist'],
    ['drones-cameras', '드론·카메라', 'Drones & cameras', '드론 카메라 짐벌 촬영 drone drones camera gimbal dji', 'ElectronicsStore'],
    ['electronics', '전자제품·휴대폰', 'Electronics & phones', '전자 가전 휴대폰 핸드폰 스마트폰 electronics phone mobile', 'ElectronicsStore'],
    ['clothing', '의류·잡화', 'Clothing', '옷 의류 잡화 신발 가방 clothing clothes fashion', 'ClothingStore'],
    ['furniture', '가구·인테리어', 'Furniture & interior', '가구 인테리어 침대 소파 furniture interior', 'FurnitureStore'],
  ]],
  [['food', '음식·카페', 'Food & cafés', '맛집 먹거리 food', 'FoodEstablishment'], [
    ['restaurants', '음식점', 'Restaurants', '식당 맛집 한식 중식 일식 밥집 restaurant', 'Restaurant'],
    ['cafes', '카페', 'Cafés', '카페 커피 디저트 베이커리 빵 cafe coffee bakery', 'CafeOrCoffeeShop'],
    ['delivery-food', '배달음식', 'Food delivery', '배달 치킨 피자 족발 delivery chicken pizza', 'FoodEstablishment'],
  ]],
  [['health', '병원·건강', 'Health', '건강 health', 'MedicalBusiness'], [
    ['clinics-pharmacies', '병원·약국', 'Clinics & pharmacies', '병원 의원 약국 치과 한의원 hospital clinic pharmacy dentist', 'MedicalClinic'],
    ['fitness', '운동·헬스', 'Fitness', '헬스 요가 필라테스 gym fitness yoga', 'HealthClub'],
  ]],
  [['beauty', '미용·뷰티', 'Beauty', '뷰티 beauty', 'HealthAndBeautyBusiness'], [
    ['hair', '미용실', 'Hair salons', '미용 미용실 헤어 파마 커트 hair salon', 'HairSalon'],
    ['nails-skin', '네일·피부', 'Nails & skin care', '네일 피부 마사지 nail skin spa', 'BeautySalon'],
  ]],
  [['education', '교육·학원', 'Education', '교육 education', 'EducationalOrganization'], [
    ['academies', '학원', 'Academies', '학원 과외 수학 영어 academy tutoring', 'EducationalOrganization'],
    ['music-art', '음악·미술', 'Music & art lessons', '피아노 미술 음악 레슨 piano art music lesson', 'EducationalOrganization'],
  ]],
  [['real-estate', '부동산', 'Real estate', '부동산 real estate', 'RealEstateAgent'], [
    ['realtors', '공인중개사', 'Realtors', '중개사 부동산 아파트 원룸 전세 월세 매매 realtor apartment', 'RealEstateAgent'],
    ['rooms', '원룸·상가 임대', 'Rooms & shops for rent', '원룸 투룸 상가 임대 사무실 rent room office', 'RealEstateAgent'],
  ]],
  [['cars', '자동차', 'Cars', '자동차 차 car auto', 'AutomotiveBusiness'], [
    ['car-repair', '정비·세차', 'Repair & car wash', '정비 카센터 세차 타이어 repair carwash tire', 'AutoRepair'],
    ['car-dealers', '중고차·렌터카', 'Used cars & rentals', '중고차 렌터카 렌트 used car rental', 'AutoDealer'],
  ]],
  [['services', '생활 서비스', 'Local services', '서비스 service', 'LocalBusiness'], [
    ['moving-cleaning', '이사·청소', 'Moving & cleaning', '이사 용달 청소 입주청소 moving cleaning', 'MovingCompany'],
    ['repair-home', '수리·설비', 'Home repair', '수리 설비 보일러 전기 배관 인테리어 repair plumber electrician', 'HomeAndConstructionBusiness'],
    ['printing', '인쇄·광고', 'Printing & ads', '인쇄 현수막 간판 명함 printing banner sign', 'LocalBusiness'],
    ['funeral-events', '장례·행사', 'Funerals & events', '장례 상조 행사 웨딩 funeral event wedding', 'LocalBusiness'],
    ['pets', '반려동물', 'Pets', '애견 반려견 고양이 동물병원 pet dog cat vet', 'PetStore'],
    ['legal-tax', '법률·세무', 'Legal & tax', '법무사 세무사 변호사 행정사 lawyer tax accountant', 'ProfessionalService'],
  ]],
  [['classifieds', '중고·구인', 'Classifieds', '벼룩 classifieds', 'LocalBusiness'], [
    ['used-goods', '중고거래', 'Used goods', '중고 중고거래 팝니다 삽니다 나눔 used secondhand', 'LocalBusiness'],
    ['jobs', '구인구직', 'Jobs', '구인 구직 알바 채용 아르바이트 job jobs hiring', 'LocalBusiness'],
  ]],
];

export async function up(knex: Knex): Promise<void> {
  const now = new Date();
  let order = 0;
  for (const [[slug, ko, en, synonyms, schemaType], children] of TREE) {
    const [parent] = await knex('categories')
      .insert({ slug, name_ko: ko, name_en: en, synonyms, schema_type: schemaType, sort_order: order++, created_at: now })
      .returning('id');
    const parentId = typeof parent === 'object' ? parent.id : parent;
    let childOrder = 0;
    for (const [cSlug, cKo, cEn, cSyn, cType] of children) {
      await knex('categories').insert({
        parent_id: parentId, slug: cSlug, name_ko: cKo, name_en: cEn, synonyms: cSyn, schema_type: cType,
        sort_order: childOrder++, created_at: now,
      });
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('categories').whereNotNull('parent_id').del();
  await knex('categories').del();
}
