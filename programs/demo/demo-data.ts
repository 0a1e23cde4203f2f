// First-start demo data: the org tree of PROCESSES.md, a user per role per unit, customers, products.

import type { DepartmentCode } from '../../contract/departments';

export interface DemoUnit {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string;
  level: 'hq' | 'region' | 'province';
  path: string;
}

export const demoUnits: DemoUnit[] = [
  { id: 'hq', parentId: null, name: '总部（全国服务中心）', nameEn: 'Headquarters (National Service Centre)', level: 'hq', path: 'hq' },
  { id: 'east', parentId: 'hq', name: '华东大区服务中心', nameEn: 'East China Regional Centre', level: 'region', path: 'hq/east' },
  { id: 'south', parentId: 'hq', name: '华南大区服务中心', nameEn: 'South China Regional Centre', level: 'region', path: 'hq/south' },
  { id: 'zj', parentId: 'east', name: '浙江省服务中心', nameEn: 'Zhejiang Provincial Centre', level: 'province', path: 'hq/east/zj' },
  { id: 'js', parentId: 'east', name: '江苏省服务中心', nameEn: 'Jiangsu Provincial Centre', level: 'province', path: 'hq/east/js' },
  { id: 'gd', parentId: 'south', name: '广东省服务中心', nameEn: 'Guangdong Provincial Centre', level: 'province', path: 'hq/south/gd' },
  { id: 'fj', parentId: 'south', name: '福建省服务中心', nameEn: 'Fujian Provincial Centre', level: 'province', path: 'hq/south/fj' },
];

export const roles = [
  { code: 'cs_agent', name: '客服人员', nameEn: 'CS agent' },
  { code: 'cs_manager', name: '客服经理', nameEn: 'CS manager' },
  { code: 'general_manager', name: '总经理', nameEn: 'General manager' },
  { code: 'engineering', name: '工程部', nameEn: 'Engineering' },
  { code: 'sales', name: '销售人员', nameEn: 'Sales' },
  { code: 'department', name: '有关部门', nameEn: 'Department' },
  { code: 'auditor', name: '审计', nameEn: 'Auditor' },
  { code: 'process_owner', name: '流程管理员', nameEn: 'Process owner' },
] as const;

export type RoleCode = (typeof roles)[number]['code'] | 'admin';

export const DEMO_PASSWORD = 'shouwen123';

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: RoleCode[];
  /** Where a 有关部门 holder works: the complaint's later steps go to the department its investigation named. */
  department?: DepartmentCode;
}

/** `zj.cs_manager` is the 客服经理 of 浙江省服务中心; `admin` manages users. */
export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = demoUnits.flatMap((unit) =>
    roles.map((role) => ({
      id: `${unit.id}.${role.code}`,
      username: `${unit.id}.${role.code}`,
      displayName: `${unit.name.replace(/（.*）/, '')} ${role.name}`,
      unitId: unit.id,
      roles: [role.code],
      // Each unit's 有关部门 user is of 质量管理部, the department most complaints name.
      ...(role.code === 'department' && { department: 'quality' as const }),
    })),
  );
  users.push({ id: 'admin', username: 'admin', displayName: '系统管理员', unitId: 'hq', roles: ['admin'] });
  return users;
}

export const demoCustomers = [
  { id: 'C0001', name: '杭州西湖电子有限公司', tier: 'A', contact: '王建国', phone: '0571-8888 1234', address: '杭州市西湖区文三路 100 号', unitId: 'zj', confidentiality: 'secret' },
  { id: 'C0002', name: '宁波港城贸易有限公司', tier: 'B', contact: '李芳', phone: '0574-8765 4321', address: '宁波市鄞州区中山东路 88 号', unitId: 'zj', confidentiality: 'internal' },
  { id: 'C0003', name: '南京金陵机械厂', tier: 'A', contact: '陈明', phone: '025-8456 7890', address: '南京市江宁区天元中路 9 号', unitId: 'js', confidentiality: 'internal' },
  { id: 'C0004', name: '苏州园区精密仪器有限公司', tier: 'C', contact: '周婷', phone: '0512-6253 1122', address: '苏州工业园区星湖街 328 号', unitId: 'js', confidentiality: 'public' },
  { id: 'C0005', name: '广州天河商贸中心', tier: 'B', contact: '黄志强', phone: '020-3888 6677', address: '广州市天河区体育西路 191 号', unitId: 'gd', confidentiality: 'internal' },
  { id: 'C0006', name: '深圳南山科技有限公司', tier: 'A', contact: '刘洋', phone: '0755-8666 5544', address: '深圳市南山区科技园南区 A 栋', unitId: 'gd', confidentiality: 'confidential' },
  { id: 'C0007', name: '厦门鹭岛餐饮管理有限公司', tier: 'D', contact: '林小红', phone: '0592-5123 4567', address: '厦门市思明区湖滨南路 57 号', unitId: 'fj', confidentiality: 'public' },
  { id: 'C0008', name: '福州闽江物流有限公司', tier: 'C', contact: '郑伟', phone: '0591-8777 3344', address: '福州市鼓楼区五四路 158 号', unitId: 'fj', confidentiality: 'internal' },
] as const;

export const demoProducts = [
  { id: 'P-AC-200', name: '商用中央空调', model: 'AC-200', portable: false, warrantyMonths: 24 },
  { id: 'P-WP-10', name: '净水器', model: 'WP-10', portable: true, warrantyMonths: 24 },
  { id: 'P-PR-5', name: '激光打印机', model: 'PR-5', portable: true, warrantyMonths: 12 },
  { id: 'P-GEN-80', name: '柴油发电机组', model: 'GEN-80', portable: false, warrantyMonths: 36 },
  { id: 'P-SC-3', name: '条码扫描枪', model: 'SC-3', portable: true, warrantyMonths: 12 },
] as const;
