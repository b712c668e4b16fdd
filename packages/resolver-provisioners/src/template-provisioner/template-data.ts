// The data score-k8s hands to provisioner templates (`templateprov.Data`), built from the contract's input.
import type { NetworkService, NetworkServicePort, ProvisionerInput } from '../contract/provisioner-input.js';
import { GoStruct, typedMap, type GoMap } from '@score-orchestrator/api';

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

const servicePort = (p: NetworkServicePort): GoStruct =>
  new GoStruct('provisioners.ServicePort', {
    Name: p.name,
    Port: p.port,
    TargetPort: p.target_port,
    Protocol: p.protocol,
  });
const zeroPort = servicePort({ name: '', port: 0, target_port: 0, protocol: '' });
const networkService = (svc: NetworkService): GoStruct =>
  new GoStruct('provisioners.NetworkService', {
    ServiceName: svc.service_name,
    Ports: typedMap(
      Object.fromEntries(Object.entries(svc.ports).map(([name, p]) => [name, servicePort(p)])),
      zeroPort,
    ),
  });
const zeroService = networkService({ service_name: '', ports: {} });

/**
 * Workload services with Go's field names (`ServiceName`, `Ports.<name>.TargetPort`...). Both maps are
 * typed, so `index` of an unknown workload or port gives a zero struct (empty `ServiceName`, `TargetPort`
 * 0), as in Go, and score-k8s's "unknown workload" checks fail with their own message.
 */
function workloadServices(input: ProvisionerInput): GoMap {
  return typedMap(
    Object.fromEntries(
      Object.entries(input.workload_services).map(([name, svc]) => [name, networkService(svc)]),
    ),
    zeroService,
  );
}
