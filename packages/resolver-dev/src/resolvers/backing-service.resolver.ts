import type { ProvisionResult, Resolver, ResolverContext, ResourceRequest } from '@score-orchestrator/api';
import {
  deprovisionBackingService,
  provisionBackingService,
  type BackingServiceRecipe,
} from '../provisioning/backing-service.provisioner.js';
import {
  devResolverSettings,
  type DevResolverSettings,
  type DevResolverSettingsInput,
} from '../settings/dev-resolver-settings.js';

/**
 * What every resolver backed by a dedicated server (postgres, redis, ...) shares: provisioning and
 * deprovisioning follow its recipe. Subclasses carry the `@Resolver` metadata, the recipe and the injected
 * settings.
 */
export abstract class BackingServiceResolver implements Resolver {
  protected abstract readonly recipe: BackingServiceRecipe;
  private readonly settings: DevResolverSettings;

  protected constructor(settings?: DevResolverSettingsInput) {
    this.settings = devResolverSettings(settings);
  }

  provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    return provisionBackingService(this.recipe, request, ctx, this.settings);
  }

  deprovision(request: ResourceRequest, ctx: ResolverContext): Promise<void> {
    return deprovisionBackingService(this.recipe, request, ctx);
  }
}
