// The data score-k8s hands to provisioner templates (`templateprov.Data`), built from the contract's input.
import type { ProvisionerInput } from '../contract/provisioner-input.js';
import { GoStruct } from '../template/go-values.js';

/** Template data of a template:// provisioner; `Init`, `State` and `Shared` change as sections render. */
export function templateData(
  input: ProvisionerInput,
  namespace: string,
  sections: { Init?: unknown; State?: unknown; Shared?: unknown } = {},
): GoStruct {
  return new GoStruct('*templateprov.Data', {
    Guid: input.resource_guid,
    Uid: input.resource_uid,
    Type: input.resource_type,
    Class: input.resource_class,
    Id: input.resource_id,
    Params: input.resource_params,
    Metadata: input.resource_metadata,
    Init: sections.Init ?? {},
    State: sections.State ?? input.resource_state,
    Shared: sections.Shared ?? input.shared_state,
    SourceWorkload: input.source_workload,
    WorkloadServices: workloadServices(input),
    Namespace: namespace,
  });
}

/** The data of a cmd:// provisioner's arg templates (`provisioners.TemplateData`). */
export function argTemplateData(input: ProvisionerInput): GoStruct {
  return new GoStruct('provisioners.TemplateData', {
    Guid: input.resource_guid,
    Uid: input.resource_uid,
    Type: input.resource_type,
    Class: input.resource_class,
    Id: input.resource_id,
    Params: input.resource_params,
    Metadata: input.resource_metadata,
    Init: {},
    State: input.resource_state,
    Shared: input.shared_state,
    SourceWorkload: input.source_workload,
    WorkloadServices: workloadServices(input),
  });
}

/** Workload services with Go's field names (`ServiceName`, `Ports.<name>.TargetPort`...). */
function workloadServices(input: ProvisionerInput): Record<string, GoStruct> {
  return Object.fromEntries(
    Object.entries(input.workload_services).map(([name, svc]) => [
      name,
      new GoStruct('provisioners.NetworkService', {
        ServiceName: svc.service_name,
        Ports: Object.fromEntries(
          Object.entries(svc.ports).map(([port, p]) => [
            port,
            new GoStruct('provisioners.ServicePort', {
              Name: p.name,
              Port: p.port,
              TargetPort: p.target_port,
              Protocol: p.protocol,
            }),
          ]),
        ),
      }),
    ]),
  );
}
