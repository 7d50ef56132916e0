import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Menu, Select, Spin, App as AntApp } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SwapOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { AppProvider, useApp } from './lib/app-context';
import { call } from './lib/api-client';
import { navigate, useRoute } from './lib/router';
import { SetupScreen } from './screens/SetupScreen';
import { IntakeScreen } from './screens/IntakeScreen';
import { RegisterScreen } from './screens/RegisterScreen';
import { WorkListScreen } from './screens/WorkListScreen';
import { CaseDetailScreen } from './screens/CaseDetailScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SyncScreen } from './screens/SyncScreen';
import { ConflictsScreen } from './screens/ConflictsScreen';
import { DisputesScreen } from './screens/DisputesScreen';
import { DailyReportScreen } from './screens/DailyReportScreen';
import { ReceptionDaysScreen } from './screens/ReceptionDaysScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { STAFF_ROLES } from '../src-main/contract';

export function App() {
  // the set-up wizard goes on after the office exists (villages, units)
  const [wizard, setWizard] = useState(false);
  return (
    <AppProvider
      fallback={(error) =>
        error ? (
          <Alert style={{ margin: 40 }} type="error" showIcon message="无法启动" description={error} />
        ) : (
          <Spin style={{ margin: 80, display: 'block' }} tip="正在打开台账…" size="large">
            <div />
          </Spin>
        )
      }
    >
      {(ctx) =>
        ctx.session.setupDone && ctx.settings && !wizard ? (
          <Shell />
        ) : (
          <SetupScreen
            onStarted={() => setWizard(true)}
            onDone={() => {
              setWizard(false);
              navigate({ name: 'intake' });
            }}
          />
        )
      }
    </AppProvider>
  );
}

function Shell() {
  const route = useRoute();
  return (
    <>
      <Header
        active={route.name === 'case' ? 'register' : route.name === 'conflicts' ? 'sync' : route.name}
        route={route.name === 'case' ? route.id : route.name}
      />
      <IntegrityBanner />
      <main className="app-main">
        {route.name === 'intake' && <IntakeScreen />}
        {route.name === 'work' && <WorkListScreen />}
        {route.name === 'register' && <RegisterScreen />}
        {route.name === 'case' && <CaseDetailScreen key={route.id} id={route.id} />}
        {route.name === 'reports' && <ReportsScreen />}
        {route.name === 'settings' && <SettingsScreen />}
        {route.name === 'sync' && <SyncScreen />}
        {route.name === 'conflicts' && <ConflictsScreen />}
        {route.name === 'disputes' && <DisputesScreen />}
        {route.name === 'daily' && <DailyReportScreen />}
        {route.name === 'reception' && <ReceptionDaysScreen />}
      </main>
    </>
  );
}

/** A large register is checked in the background after opening: say so if it is damaged. */
function IntegrityBanner() {
  const { session } = useApp();
  const [integrity, setIntegrity] = useState(session.integrity);
  useEffect(() => {
    if (integrity.state !== 'checking') return;
    const timer = setInterval(() => {
      call('session.get', {}).then(
        (s) => setIntegrity(s.integrity),
        () => undefined,
      );
    }, 5000);
    return () => clearInterval(timer);
  }, [integrity.state]);
  if (integrity.state !== 'failed') return null;
  return (
    <Alert
      type="error"
      showIcon
      banner
      message="数据库文件损坏"
      description={`${integrity.message}。在恢复之前请不要继续登记，以免丢失数据。`}
    />
  );
}

/** Overdue and due-today duties, refreshed whenever the clerk moves to another screen. */
function useWorkCounts(route: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    call('worklist.get', { scope: 'all', limit: 1 }).then(
      (w) => live && setCount(w.counts.overdue + w.counts.today),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [route]);
  return count;
}

/**
 * What the exchange needs from a person: packages waiting in the inbox (shown at start when the
 * office chose so), conflicts to settle, or an exchange overdue by the office's own reminder.
 */
function useSyncAttention(route: string): { count: number; title: string } | null {
  const [attention, setAttention] = useState<{ count: number; title: string } | null>(null);
  const { notification } = AntApp.useApp();
  const announced = useRef(false);
  useEffect(() => {
    let live = true;
    call('sync.status', {}).then(
      (s) => {
        if (!live) return;
        const waiting = s.settings.pickUpAtStart ? s.inbox.length : 0;
        const parts = [
          waiting ? `${waiting} 个交换包待导入` : '',
          s.conflicts ? `${s.conflicts} 处冲突待处理` : '',
          s.remind
            ? s.daysSinceExchange === null
              ? '尚未交换过数据'
              : `已 ${s.daysSinceExchange} 天未交换数据`
            : '',
        ].filter(Boolean);
        setAttention(parts.length ? { count: waiting + s.conflicts, title: parts.join('；') } : null);
        if (waiting && !announced.current) {
          notification.info({
            message: `收件文件夹中有 ${waiting} 个交换包待导入`,
            description: '导入前会先显示将发生的变化。',
            btn: (
              <Button type="primary" size="small" onClick={() => navigate({ name: 'sync' })}>
                去导入
              </Button>
            ),
          });
        }
        announced.current = true;
      },
      () => live && setAttention(null),
    );
    return () => {
      live = false;
    };
  }, [route, notification]);
  return attention;
}

function Header({ active, route }: { active: string; route: string }) {
  const { session, settings, reload } = useApp();
  const { message } = AntApp.useApp();
  const urgent = useWorkCounts(route);
  const sync = useSyncAttention(route);
  return (
    <header className="app-header">
      <span className="brand">乡镇信访台账</span>
      <span className="office">{session.office?.name}</span>
      <Menu
        mode="horizontal"
        theme="dark"
        selectedKeys={[active]}
        style={{ background: 'transparent' }}
        onClick={(e) =>
          navigate({
            name: e.key as
              | 'intake'
              | 'work'
              | 'register'
              | 'reports'
              | 'disputes'
              | 'daily'
              | 'reception'
              | 'sync'
              | 'settings',
          })
        }
        items={[
          { key: 'intake', icon: <FileAddOutlined />, label: '登记' },
          {
            key: 'work',
            icon: <ScheduleOutlined />,
            label: (
              <span data-testid="nav-work">
                待办
                {!!urgent && (
                  <Badge
                    count={urgent}
                    size="small"
                    offset={[6, -2]}
                    title={`${urgent} 项已逾期或今日到期`}
                  />
                )}
              </span>
            ),
          },
          { key: 'register', icon: <UnorderedListOutlined />, label: '台账' },
          { key: 'reports', icon: <BarChartOutlined />, label: <span data-testid="nav-reports">统计</span> },
          {
            // the ledgers around the cases, under one entry so the menu fits a 1024-pixel screen
            key: 'ledgers',
            icon: <AuditOutlined />,
            label: <span data-testid="nav-ledgers">排查接访</span>,
            children: [
              { key: 'disputes', icon: <AuditOutlined />, label: '矛盾纠纷排查' },
              { key: 'daily', icon: <FileDoneOutlined />, label: '日报告' },
              { key: 'reception', icon: <CalendarOutlined />, label: '领导接访日' },
            ],
          },
          {
            key: 'sync',
            icon: <SwapOutlined />,
            label: (
              <span data-testid="nav-sync">
                数据交换
                {!!sync && (
                  <Badge
                    count={sync.count}
                    dot={sync.count === 0}
                    size="small"
                    offset={[6, -2]}
                    title={sync.title}
                  />
                )}
              </span>
            ),
          },
          { key: 'settings', icon: <SettingOutlined />, label: '设置' },
        ]}
      />
      <Select
        aria-label="当前工作人员"
        style={{ width: 170 }}
        value={session.currentUser?.id}
        placeholder="选择当前工作人员"
        options={settings.staff.map((s) => ({ value: s.id, label: `${s.name}（${STAFF_ROLES[s.role]}）` }))}
        onChange={async (userId: string) => {
          try {
            await call('session.setUser', { userId });
            await reload();
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      />
    </header>
  );
}
