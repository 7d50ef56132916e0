/**
 * The content classification shipped with a new office: the first-level headings used in
 * county and township petition statistics, each with the matters a township meets most.
 * Offices edit it in 设置 → 内容分类; the county can send its own list down with sync.
 */
export const DEFAULT_CATEGORIES: { name: string; children: string[] }[] = [
  { name: '农村农业', children: ['土地承包', '宅基地', '村务管理', '集体资产', '农业补贴', '农民负担'] },
  { name: '自然资源', children: ['土地征收', '违法占地', '矿产资源', '林权林地'] },
  { name: '城乡建设', children: ['房屋拆迁', '住房保障', '物业管理', '市政设施', '违章建筑', '工程质量'] },
  { name: '劳动和社会保障', children: ['拖欠工资', '社会保险', '劳动关系', '退休待遇'] },
  { name: '民政', children: ['低保救助', '特困供养', '优抚安置', '殡葬管理', '婚姻登记'] },
  { name: '卫生健康', children: ['医疗纠纷', '医保报销', '计划生育遗留问题'] },
  { name: '教育', children: ['入学就学', '教师待遇', '学校管理'] },
  { name: '生态环境', children: ['环境污染', '噪声扰民', '养殖污染'] },
  { name: '交通运输', children: ['道路建设', '交通出行'] },
  { name: '政法', children: ['治安问题', '涉法涉诉', '邻里纠纷'] },
  { name: '纪检监察', children: ['干部作风', '违纪违法'] },
  { name: '经济管理', children: ['企业改制', '消费维权', '合同纠纷'] },
  { name: '党务政务', children: ['政务服务', '信息公开'] },
  { name: '其他', children: [] },
];

/** 责任单位 a township usually has; the office edits the list at set-up. */
export const DEFAULT_TOWNSHIP_UNITS = [
  '党政办公室',
  '综治中心',
  '司法所',
  '派出所',
  '自然资源所',
  '民政办',
  '社会事务办',
  '农业农村办',
  '城建办',
  '财政所',
];
