import { Alert, Form, Modal, Select } from "antd";
import { useState } from "react";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import {
  useBranchesUnder,
  useCycleList,
  useLoadBranchInput,
  type BranchClassificationInput,
} from "@/features/classification/api/branch-input";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** Picks a cycle and one of its branches, and hands back that branch's data for the what-if. */
export function LoadBranchModal({
  onLoaded,
  onClose,
}: {
  onLoaded: (input: BranchClassificationInput, branchName: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const cycles = useCycleList();
  const [cycleId, setCycleId] = useState<number>();
  const [branchId, setBranchId] = useState<number>();
  const cycle = cycles.data?.items.find((c) => c.id === cycleId);
  const branches = useBranchesUnder(cycle?.organization_id);
  const load = useLoadBranchInput();
  const failure = cycles.error ?? branches.error ?? load.error;

  const submit = () => {
    const branch = branches.data?.find((b) => b.id === branchId);
    if (cycleId === undefined || branch === undefined) return;
    load.mutate(
      { cycleId, branchId: branch.id },
      { onSuccess: (input) => onLoaded(input, branch.name) },
    );
  };

  return (
    <Modal
      open
      title={t("whatIf.load")}
      okText={t("whatIf.load.submit")}
      okButtonProps={{ disabled: branchId === undefined }}
      cancelText={t("common.cancel")}
      confirmLoading={load.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(failure, t)}
          role="alert"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form layout="vertical">
        <Form.Item label={t("whatIf.load.cycle")}>
          <Select
            aria-label={t("whatIf.load.cycle")}
            value={cycleId}
            loading={cycles.isPending}
            onChange={(id: number) => {
              setCycleId(id);
              setBranchId(undefined);
            }}
            options={(cycles.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.year} — ${c.organization_name}`,
            }))}
          />
        </Form.Item>
        <TruncatedAlert pages={[cycles.data]} />
        <Form.Item label={t("whatIf.load.branch")} extra={t("whatIf.load.hint")}>
          <Select
            aria-label={t("whatIf.load.branch")}
            value={branchId}
            disabled={cycle === undefined}
            loading={cycle !== undefined && branches.isPending}
            onChange={setBranchId}
            showSearch={{ optionFilterProp: "label" }}
            options={(branches.data ?? []).map((branch) => ({
              value: branch.id,
              label: branch.name,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
