// A seeded generator of realistic cases for every document type: the names, employers, positions,
// amounts, table rows and 抄送 lists a talent office's database really holds, over the whole range
// each schema allows. Same seed, same case. Every case it makes must pass the catalogue's schema;
// one that does not is a bug here (generate.test.ts checks).
import { DOC_TYPE_IDS, exampleCase, makeCreditCode, makeIdNumber, type CaseInput, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { endOfYears } from '../../lambdas/catalogue/dates.js';
import {
  CITY_TALENT,
  CITY_TALENT_TITLES,
  DEGREES,
  FLEXIBLE_CATEGORIES,
  GRADUATE_RESEARCH,
  PLATFORM_KINDS,
  STAFFING_POOL_POSTS,
  TALENT_SCOUT_AWARD,
  ACADEMICIAN_PACKAGE,
  EXPERT_PACKAGE,
  FLEXIBLE_PER_MONTH,
  GRADUATE_LIVING_PER_MONTH,
  GRADUATE_HOUSING,
  PLATFORM_SUBSIDY,
  SKILL_MASTER_STUDIO,
  ADVANCED_TEAM_MAX_YEARS,
  ADVANCED_TEAM_PER_YEAR_MAX,
  APARTMENT_TENANT_CATEGORIES,
} from '../../lambdas/catalogue/policy.js';
import { random } from '../render/layout/fixtures.js';

export type AnyCaseInput = CaseInput<DocTypeId>;

class Pick {
  private readonly rnd: () => number;
  constructor(seed: number) {
    this.rnd = random(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.rnd();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  one<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)]!;
  }
  /** Skewed to small values with a long tail up to max: most lists are short, some are long. */
  skewed(min: number, max: number): number {
    return min + Math.floor(this.rnd() ** 2 * (max - min + 1));
  }
}

const len = (s: string) => [...s].length;

// ---- People ----

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文阎栗',
];
export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '慕容',
  '夏侯',
  '皇甫',
  '东方',
  '尉迟',
  '公孙',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '独孤',
  '端木',
  '轩辕',
  '南宫',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文红玉兰晓雯思远一鸣雨桐博诺振宏海波晨阳欣怡子涵梓萱浩然宇轩嘉懿'];
/** Rare given-name characters the default fonts cover (Extension A–G and 通用规范汉字表 additions). */
const RARE_GIVEN = [...'䶮𬱖喆堃淼犇骉昇玥珺琰瑄璟燊赟彧昱旻𬭚𬘡𬇙𫖯𫓧𬌗𬍛𬳽𬸚𫐐𬣞𬀩𪟝㑇㛃焱翀翯婧嬿𬶍𬭎𬬻𫫇𬺈䲟'];
const MINORITY_PARTS = [
  '阿不都热合曼',
  '艾合买提',
  '买买提',
  '艾力',
  '古丽娜尔',
  '吐尔逊',
  '扎西',
  '次仁',
  '阿依古丽',
  '努尔兰',
  '哈力木拉提',
  '热依拉',
  '阿不都克力木',
  '巴特尔',
  '那顺乌日图',
  '迪丽热巴',
  '穆罕默德',
  '帕尔哈提',
  '依明江',
];

function personName(p: Pick): string {
  if (p.chance(0.12)) {
    const parts = p.int(2, p.chance(0.2) ? 4 : 2);
    return Array.from({ length: parts }, () => p.one(MINORITY_PARTS)).join('·');
  }
  const surname = p.chance(0.2) ? p.one(COMPOUND_SURNAMES) : p.one(SURNAMES);
  const given = Array.from({ length: p.int(1, 3) }, () => (p.chance(0.12) ? p.one(RARE_GIVEN) : p.one(GIVEN))).join('');
  return surname + given;
}

function idNumber(p: Pick): string {
  const region = p.one(['140105', '140106', '140107', '140108', '140109', '140110', '140121', '140123', '110108', '610113']);
  const y = p.int(1940, 2004);
  const m = String(p.int(1, 12)).padStart(2, '0');
  const d = String(p.int(1, 28)).padStart(2, '0');
  return makeIdNumber(`${region}${y}${m}${d}${String(p.int(0, 999)).padStart(3, '0')}`);
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(p: Pick, kind: '91' | '12'): string {
  const body = Array.from({ length: 9 }, () => p.one([...CREDIT_CHARS])).join('');
  return makeCreditCode(`${kind}${p.one(['140100', '140105', '140106', '140109', '140121'])}${body}`);
}

// ---- Free text: realistic values, clerks' ASCII punctuation, Latin names, and the long tail up to each field's maximum ----

const ORGANISATIONS = [
  '太原重型机械集团有限公司',
  '中国铁路太原局集团有限公司太原机务段',
  '山西焦煤集团有限责任公司',
  '太原钢铁（集团）有限公司',
  '"太原重型"机械集团(有限公司)',
  'Shanxi Jinneng Group Co., Ltd.',
  '山西大学',
  '太原理工大学',
  '中国科学院山西煤炭化学研究所',
  '清华大学',
  'Microsoft Research Asia',
  'ETH Zürich',
  '北京大学(深圳研究生院)',
  '山西省人民医院',
  '太原市第二人民医院',
  '山西华阳新材料科技集团有限公司',
  '国网山西省电力公司太原供电公司',
  '中国电子科技集团公司第三十三研究所',
  '山西智创新材料科技有限公司',
  '太原市产业技术研究院',
  '山西 Jinneng 新能源有限公司',
  'Université Paris-Saclay',
  '太原学院',
  '晋能控股装备制造集团有限公司',
];
/** An organisation's name, level by level: where, brand, trade, legal form, branch, unit. */
const ORG_LEVELS = [
  ['山西省', '太原市', '山西转型综合改革示范区', '太原学府园区', '太原市小店区'],
  ['晋阳', '龙城', '并州', '汾河', '华阳', '清能'],
  ['新材料科技', '智能装备制造', '清洁能源', '生物医药', '数字科技', '半导体', '氢能动力'],
  ['集团有限公司', '股份有限公司', '有限责任公司', '(集团)有限公司', '研究院'],
  ['太原分公司', '技术研究院', '工程技术研究中心', '博士后科研工作站', '"智能制造"事业部'],
  ['第一研究室', '综合管理部', '技术中心', '检测实验室(CNAS)', '党群工作部'],
];

const POSITIONS = [
  '首席科学家',
  '总工程师',
  '研究员',
  '副总经理（技术）',
  '高级工程师',
  '教授',
  '"双创"团队负责人',
  '首席技师',
  'CTO',
  'Principal Engineer',
  '实验室主任,博士生导师',
  '项目总监(研发)',
];
const OCCUPATIONS = [
  '数控车工',
  '电力机车司机',
  '焊工',
  '钳工',
  '电工',
  '化工总控工',
  '汽车维修工',
  '茶艺师',
  '中式烹调师',
  '工具钳工(模具)',
  'CNC车工',
  '精密机械装配工',
];
const FIELDS = [
  '第三代半导体材料',
  '临床医学',
  '煤炭清洁高效利用',
  '先进不锈钢材料',
  '人工智能',
  '氢能与燃料电池',
  '工业互联网',
  'MEMS传感器',
  '新能源汽车(动力电池)',
  '生物医药,医疗器械',
  '集成电路设计',
];
const UNIVERSITIES = [
  '北京航空航天大学',
  '浙江大学',
  '曼彻斯特大学',
  '山西农业大学',
  '清华大学',
  'Technische Universität München',
  '香港科技大学(广州)',
  '中国科学技术大学',
  'University of Cambridge',
  '太原理工大学',
];
const MAJORS = [
  '软件工程',
  '电磁场与微波技术',
  '集成电路设计',
  '农学',
  '材料科学与工程',
  '化学工程与技术',
  '计算机科学与技术(人工智能方向)',
  'Electrical Engineering',
];
const DEPARTMENTS = [
  '市委组织部',
  '市财政局',
  '市人力资源和社会保障局',
  '市科学技术局',
  '市委机构编制委员会办公室',
  '市卫生健康委员会',
  '太原理工大学',
  '娄烦县人民政府',
  '市工业和信息化局',
  '山西转型综合改革示范区管理委员会人才工作局',
  '太原人力资源服务产业园管理办公室',
];
/**
 * Text for a field of at most `max` characters: usually a realistic value; otherwise the long tail
 * between max/2 and max — an organisation built level by level, or a list of values joined by 、.
 */
function phrase(p: Pick, pool: readonly string[], max: number, style: 'org' | 'list' = 'list'): string {
  const fits = pool.filter((s) => len(s) <= max);
  if (fits.length > 0 && p.chance(0.75)) return p.one(fits);
  const target = p.int(Math.max(1, Math.floor(max / 2)), max);
  const pieces = style === 'org' ? ORG_LEVELS.map((level) => p.one(level)) : [];
  let s = '';
  const add = (piece: string) => {
    if (len(s) + len(piece) > max) return false;
    s += piece;
    return true;
  };
  for (const piece of pieces) if (len(s) >= target || !add(piece)) break;
  for (let guard = 0; guard < 60 && len(s) < target; guard++) {
    const piece = style === 'org' ? p.one(ORG_LEVELS.at(-1)!) : `${s === '' ? '' : '、'}${p.one(pool)}`;
    if (!add(piece) && guard > 20) break;
  }
  return s || [...p.one(pool)].slice(0, max).join('');
}

function copyTo(p: Pick): string[] | undefined {
  const n = p.skewed(0, 20);
  if (n === 0) return undefined;
  return Array.from({ length: n }, () => phrase(p, DEPARTMENTS, 40, 'org'));
}

function condition(p: Pick): string {
  const base =
    '你单位应当建立引进人才年度考核和聘期考核制度,考核结果作为续聘、岗位调整和兑现人才政策的依据;对考核不合格的人员,应当按照有关规定调整岗位或者解除聘用合同(并相应收回周转编制)。';
  const n = p.int(20, 300);
  let s = '';
  while (len(s) < n) s += base;
  return [...s].slice(0, n).join('');
}

// ---- Amounts ----

/** A yuan amount in [min, max] with at most two decimals; the ends of the range come up often. */
function yuanIn(p: Pick, range: { min: number; max: number }): number {
  if (p.chance(0.15)) return range.min;
  if (p.chance(0.15)) return range.max;
  return p.int(range.min * 100, range.max * 100) / 100;
}
const times = (yuan: number, n: number) => Math.round(yuan * 100 * n) / 100;
const sum = (...ys: number[]) => Math.round(ys.reduce((s, y) => s + Math.round(y * 100), 0)) / 100;

// ---- Cases ----

/** `YYYY-MM` of month index (year × 12 + month − 1) minus n months. */
function monthBefore(index: number, n: number): string {
  const i = index - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

type Builder<T extends DocTypeId> = (p: Pick, c: CaseInput<T>) => void;

function person(p: Pick): { kind: 'person'; name: string; idNumber: string; employer?: string } {
  const r = { kind: 'person' as const, name: personName(p), idNumber: idNumber(p) };
  return p.chance(0.8) ? { ...r, employer: phrase(p, ORGANISATIONS, 60, 'org') } : r;
}
function employedPerson(p: Pick): { kind: 'person'; name: string; idNumber: string; employer: string } {
  return { kind: 'person', name: personName(p), idNumber: idNumber(p), employer: phrase(p, ORGANISATIONS, 60, 'org') };
}
function organisation(p: Pick, kind: '91' | '12' = p.chance(0.7) ? '91' : '12') {
  return { kind: 'organisation' as const, name: phrase(p, ORGANISATIONS, 60, 'org'), creditCode: creditCode(p, kind) };
}
function request(p: Pick): { title: string; number?: string; date: string } {
  const title = p.chance(0.8) ? '关于申请补助资金的请示' : phrase(p, ['关于申请"周转池"编制的请示', '关于申请国家级企业技术中心补助资金的请示(第二批)'], 80);
  return { title, ...(p.chance(0.8) ? { number: `${p.one(['太重字', '并产研', '才聚发', '清能发'])}〔2026〕${p.int(1, 999)}号` } : {}), date: '2026-01-20' };
}
const SESSIONS = ['第十四届', '第十五届', '第十六届', '第十七届'];

function graduate(p: Pick) {
  const degree = p.one(DEGREES);
  return {
    degree,
    university: phrase(p, UNIVERSITIES, 60, 'org'),
    universityCategory: p.one(['双一流', '世界前200'] as const),
    fullTime: true,
    major: phrase(p, MAJORS, 40),
    shortageDiscipline: degree === '本科生' ? true : p.chance(0.3),
    graduatedOn: '2020-06-30',
  };
}

function skillAward(p: Pick, c: CaseInput<'skill-grand-award'> | CaseInput<'national-technical-expert'>): void {
  c.recipient = person(p);
  c.details = { awardYear: p.int(2018, 2026), session: p.one(SESSIONS), occupation: phrase(p, OCCUPATIONS, 40) };
}

function packageCase(
  p: Pick,
  c: CaseInput<'academician-package'> | CaseInput<'expert-package'>,
  policy: typeof ACADEMICIAN_PACKAGE | typeof EXPERT_PACKAGE,
): void {
  c.recipient = employedPerson(p);
  const years = p.int(1, 10);
  const from = c.details.allowancePeriod.from;
  c.details.discipline = phrase(p, FIELDS, 40);
  c.details.allowancePeriod = { from, to: endOfYears(from, years), years };
  const allowance = times(policy.allowancePerYear, years);
  c.amounts = { ...policy, allowance, total: sum(policy.research, policy.settling, allowance) };
}

const BUILDERS: { [T in DocTypeId]: Builder<T> } = {
  'talent-scout-award': (p, c) => {
    c.recipient = p.chance(0.5) ? person(p) : organisation(p);
    c.details.talent = { name: personName(p), position: phrase(p, POSITIONS, 60), field: phrase(p, FIELDS, 40) };
    const award = yuanIn(p, TALENT_SCOUT_AWARD);
    c.amounts = { award, total: award };
  },
  'skill-grand-award': skillAward,
  'national-technical-expert': skillAward,
  'city-talent-title': (p, c) => {
    c.recipient = person(p);
    const years = p.int(1, 10);
    const from = '2026-01-01';
    c.details = {
      title: p.one(CITY_TALENT_TITLES),
      selectionYear: p.int(2018, 2026),
      field: phrase(p, FIELDS, 40),
      managementPeriod: { from, to: endOfYears(from, years), years },
    };
    const research = yuanIn(p, CITY_TALENT.research);
    const perYear = yuanIn(p, CITY_TALENT.livingAllowancePerYear);
    const living = times(perYear, years);
    c.amounts = { research, livingAllowancePerYear: perYear, livingAllowance: living, total: sum(research, living) };
  },
  'academician-package': (p, c) => {
    packageCase(p, c, ACADEMICIAN_PACKAGE);
    c.details.academy = p.one(['中国科学院', '中国工程院'] as const);
    c.details.route = p.one(['新引进', '新当选'] as const);
    c.details.electedYear = c.details.route === '新当选' ? p.int(2018, 2026) : p.int(1955, 2026);
  },
  'expert-package': (p, c) => {
    packageCase(p, c, EXPERT_PACKAGE);
    c.details.programme = p.one(['千人计划', '万人计划'] as const);
    c.details.route = p.one(['新引进', '新入选'] as const);
    c.details.selectedYear = c.details.route === '新入选' ? p.int(2018, 2026) : p.int(2008, 2026);
  },
  'flexible-allowance': (p, c) => {
    c.recipient = person(p);
    const months = p.skewed(1, 120);
    const worked = p.int(1, months);
    const category = p.one(FLEXIBLE_CATEGORIES);
    c.details = {
      category,
      host: phrase(p, ORGANISATIONS, 60, 'org'),
      period: { from: monthBefore(2026 * 12 + 9, months - 1), to: '2026-10', months },
      monthsWorked: worked,
    };
    const perMonth = FLEXIBLE_PER_MONTH[category];
    const allowance = times(perMonth, worked);
    c.amounts = { allowancePerMonth: perMonth, allowance, total: allowance };
  },
  'graduate-living-subsidy': (p, c) => {
    c.recipient = employedPerson(p);
    const g = graduate(p);
    const months = p.int(1, 60);
    c.details = {
      graduate: g,
      contract: { signedOn: '2025-07-15', years: p.int(5, 30) },
      period: { from: '2025-08', to: monthBefore(2025 * 12 + 7, -(months - 1)), months },
    };
    const perMonth = GRADUATE_LIVING_PER_MONTH[g.degree];
    const subsidy = times(perMonth, months);
    c.amounts = { subsidyPerMonth: perMonth, subsidy, total: subsidy };
  },
  'graduate-housing-subsidy': (p, c) => {
    c.recipient = employedPerson(p);
    const g = graduate(p);
    const address = `太原市${phrase(p, ['小店区长治路国际化社区3号楼1单元1502室', '万柏林区"和平"小区(北区)8号楼'], 77)}`;
    c.details = {
      graduate: g,
      contract: { signedOn: '2020-08-01', years: 5 },
      serviceCompletedOn: '2025-08-01',
      home: { address, purchasedOn: '2021-05-20', firstHome: true },
    };
    c.amounts = { housing: GRADUATE_HOUSING[g.degree], total: GRADUATE_HOUSING[g.degree] };
  },
  'graduate-research-fund': (p, c) => {
    c.recipient = employedPerson(p);
    c.details = {
      graduate: { ...graduate(p), graduatedOn: '2023-07-01' },
      contract: { signedOn: '2023-09-01', years: p.int(5, 30) },
      project: {
        name: phrase(p, ['面向工业控制的低功耗MCU芯片研发', '基于AI的煤矿安全监测系统(一期)', '氢燃料电池双极板技术革新'], 60),
        kind: p.one(['项目研发', '技术革新'] as const),
        startedOn: '2025-03-01',
      },
    };
    const research = yuanIn(p, GRADUATE_RESEARCH);
    c.amounts = { research, total: research };
  },
  'village-graduate-settling': (p, c) => {
    c.recipient = person(p);
    c.details.school = { university: phrase(p, UNIVERSITIES, 60, 'org'), major: phrase(p, MAJORS, 40), graduatedOn: '2025-06-30' };
    c.details.village = {
      county: phrase(p, ['娄烦县', '阳曲县', '清徐县', '古交市'], 20),
      township: phrase(p, ['静游镇', '杜交曲镇', '马兰镇'], 20),
      name: phrase(p, ['峰岭底村', '下石家庄村', '西坡村'], 20),
    };
    c.details.post = phrase(p, ['村级特设岗位（农业技术推广）', '村党支部书记助理', '电商服务站负责人(兼)'], 40);
  },
  'platform-subsidy': (p, c) => {
    c.recipient = organisation(p);
    const level = p.one(['国家级', '省级'] as const);
    c.amounts = { subsidy: PLATFORM_SUBSIDY[level], total: PLATFORM_SUBSIDY[level] };
    c.details = {
      ...c.details,
      request: request(p),
      platformKind: p.one(PLATFORM_KINDS),
      level,
      platformName: phrase(p, ['太原重工股份有限公司技术中心', '山西省煤基低碳"双碳"技术重点实验室'], 60, 'org'),
      recognisedBy: phrase(p, ['国家发展和改革委员会等五部门', '山西省科学技术厅', '科学技术部'], 40),
    };
  },
  'academician-workstation': (p, c) => {
    c.recipient = organisation(p);
    c.details.request = request(p);
    c.details.workstationName = phrase(p, ['山西清能环保科技有限公司院士工作站', '太原理工大学(材料学院)院士工作站'], 60, 'org');
    c.details.academicians = Array.from({ length: p.skewed(1, 10) }, () => ({ name: personName(p), academy: p.one(['中国科学院', '中国工程院'] as const) }));
    c.details.field = phrase(p, FIELDS, 40);
  },
  'postdoc-station': (p, c) => {
    c.recipient = organisation(p);
    c.details.request = request(p);
    c.details.stationKind = p.one(['博士后科研流动站', '博士后科研工作站'] as const);
    c.details.discipline = phrase(p, FIELDS, 40);
    c.details.approvedBy = phrase(p, ['人力资源社会保障部、全国博士后管委会', '人力资源和社会保障部'], 60);
  },
  'skill-master-studio': (p, c) => {
    c.recipient = organisation(p);
    c.details.request = request(p);
    c.details.level = p.one(['国家级', '省级', '市级'] as const);
    c.amounts = { subsidy: SKILL_MASTER_STUDIO[c.details.level], total: SKILL_MASTER_STUDIO[c.details.level] };
    c.details.studioName = phrase(p, ['张建军焊接技能大师工作室', '"晋阳工匠"数控加工技能大师工作室'], 60, 'org');
    c.details.master = { name: personName(p), occupation: phrase(p, OCCUPATIONS, 40) };
  },
  'staffing-pool-approval': (p, c) => {
    c.recipient = organisation(p, '12');
    c.details.request = request(p);
    const rows = p.chance(0.3) ? p.int(40, 80) : p.skewed(1, 80);
    const perPost = Math.max(1, Math.floor(STAFFING_POOL_POSTS / rows));
    c.details.posts = Array.from({ length: rows }, () => ({
      title: phrase(p, ['动力电池研究员', '氢能系统工程师', 'AI算法工程师', '芯片设计工程师(数字前端)', '成果转化经理'], 30),
      count: p.int(1, Math.min(perPost, 5)),
      education: phrase(p, ['博士研究生', '硕士及以上', '硕士研究生(全日制)'], 20),
      discipline: phrase(p, ['电化学', '集成电路工程', '计算机科学,软件工程', '材料加工工程'], 30),
    }));
    c.details.totalPosts = c.details.posts.reduce((s, x) => s + x.count, 0);
    const n = p.skewed(0, 20);
    if (n === 0) delete c.details.conditions;
    else c.details.conditions = Array.from({ length: n }, () => condition(p));
  },
  'advanced-team-subsidy': (p, c) => {
    c.recipient = organisation(p);
    c.details.request = request(p);
    c.details.teamName = phrase(p, ['超薄精密不锈钢带材创新团队', '"煤基低碳"技术攻关团队(第二期)', '氢能装备创新团队'], 60, 'org');
    c.details.leader = personName(p);
    c.details.field = phrase(p, FIELDS, 40);
    c.details.honour = phrase(p, ['2025年度太原市创新转型先进团队', '太原市深化改革先进团队'], 60);
    const years = Array.from({ length: p.int(1, ADVANCED_TEAM_MAX_YEARS) }, (_, i) => ({
      year: 2026 + i,
      amount: yuanIn(p, { min: 0.01, max: ADVANCED_TEAM_PER_YEAR_MAX }),
    }));
    c.amounts = { years, total: sum(...years.map((y) => y.amount)) };
  },
  'talent-apartment-allocation': (p, c) => {
    c.recipient = employedPerson(p);
    c.details.category = p.one(APARTMENT_TENANT_CATEGORIES);
    c.details.apartment = {
      project: phrase(p, ['龙城人才公寓（晋源园区）', '"并州英才"人才公寓(小店区)'], 40),
      building: phrase(p, ['3号楼', 'A座'], 10),
      unit: phrase(p, ['2单元', '东单元'], 10),
      room: phrase(p, ['1104室', '2-1506'], 10),
      area: p.int(3000, 50000) / 100,
    };
    const years = p.int(1, 5);
    c.details.lease = { from: '2026-09-01', to: endOfYears('2026-09-01', years), years };
    c.details.monthlyRent = p.int(100, 500000) / 100;
    c.details.checkIn.place = phrase(p, ['龙城人才公寓（晋源园区）服务中心', '太原市人才服务中心(一层大厅)'], 60);
  },
  'talent-green-card': (p, c) => {
    c.recipient = person(p);
    c.details.category = phrase(p, ['高精尖缺人才', '博士研究生', '高级职称专业技术人员', '"晋阳工匠"'], 20);
    const years = p.int(1, 5);
    c.details.validity = { from: '2026-09-01', to: endOfYears('2026-09-01', years), years };
    const services = ['落户', '社保缴纳', '子女入学', '住房保障'] as const;
    c.details.services = services.filter(() => p.chance(0.8));
    if (c.details.services.length === 0) c.details.services = ['落户'];
  },
  'hr-park-rent-free': (p, c) => {
    c.recipient = organisation(p);
    c.details.request = request(p);
    c.details.businessScope = phrase(p, ['高级人才寻访、人力资源服务外包和人才测评', 'HR SaaS平台运营,灵活用工'], 60);
    c.details.premises = {
      building: phrase(p, ['太原人力资源服务产业园A座'], 40),
      room: phrase(p, ['1206室', 'B-305', '3层(东侧)'], 20),
      area: p.int(100, 10_000_000) / 100,
    };
  },
};

/** The case the seed makes for a document type (as stored: unparsed, yuan amounts). */
export function generateCase<T extends DocTypeId>(docType: T, seed: number): CaseInput<T> {
  const p = new Pick(seed * 31 + DOC_TYPE_IDS.indexOf(docType));
  const c = exampleCase(docType);
  c.caseId = `GEN-${DOC_TYPE_IDS.indexOf(docType)}-${seed}`;
  const to = copyTo(p);
  if (to) c.copyTo = to;
  else delete c.copyTo;
  (BUILDERS[docType] as Builder<T>)(p, c);
  return c;
}

/** The seed's case, its type chosen by the seed when not given. */
export function corpusCase(seed: number, docType?: DocTypeId): AnyCaseInput {
  return generateCase(docType ?? DOC_TYPE_IDS[seed % DOC_TYPE_IDS.length]!, seed);
}
