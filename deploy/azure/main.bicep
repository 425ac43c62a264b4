// The support bot on Azure: an Azure Bot (Teams and Direct Line channels) in front of a Linux
// App Service running the container from deploy/Dockerfile on several instances, with state
// shared through Blob Storage (or Cosmos DB) reached with a managed identity (no keys), the app
// password and the Direct Line secret in Key Vault, and Application Insights. Walkthrough:
// deploy/README.md. Every rerun of this template must be safe: it never writes a secret it was
// not given, and it owns the web app's settings (a setting added by hand is gone after a rerun).
targetScope = 'resourceGroup'

@description('Short lowercase name used in every resource name: 3-10 lowercase letters and digits (storage account and registry names allow nothing else).')
@minLength(3)
@maxLength(10)
param namePrefix string

@description('Region for everything except the Azure Bot, which is global.')
param location string = resourceGroup().location

@description('Name people see for the bot in Teams and Web Chat.')
param botDisplayName string = 'BMW Connected Help'

@description('SingleTenant: an Entra app registration with a client secret (stored in Key Vault). UserAssignedMSI: a managed identity created here, no secret at all. New multi-tenant registrations are deprecated.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param microsoftAppType string = 'SingleTenant'

@description('Application (client) id of the Entra app registration (a GUID); required for SingleTenant, ignored for UserAssignedMSI.')
param microsoftAppId string = ''

// Given on the first deployment and to replace the secret; a rerun without it keeps the vault's.
@description('Client secret of the app registration, for Key Vault only; empty keeps the current one. Ignored for UserAssignedMSI.')
@secure()
param microsoftAppPassword string = ''

@description('Entra tenant of the app registration (and of the people using the bot): the deployment\'s own tenant unless given.')
@minLength(36)
@maxLength(36)
param microsoftAppTenantId string = tenant().tenantId

@description('Where conversation state lives: blobs (Azure Blob Storage) or cosmos (Azure Cosmos DB, serverless).')
@allowed([
  'blobs'
  'cosmos'
])
param storageKind string = 'blobs'

@description('App Service plan size. B1 and up allow several instances (Basic at most 3, Standard 10, Premium v3 30); P0v3 is the smallest Premium v3.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'P0v3'

@description('Instances of the bot behind App Service\'s load balancer; at most what the plan allows (Basic 3, Standard 10, Premium v3 30).')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

// On App Service every request reaches the container from the platform's front ends, so a
// per-address limit counts everyone together: a ceiling against floods, not a per-person limit
// (RATE_LIMIT_PER_CONVERSATION is that). deploy/README.md, "Rate limits on App Service".
@description('RATE_LIMIT_PER_ADDRESS: requests to /api/messages per client address per minute, per instance.')
@minValue(300)
param rateLimitPerAddress int = 6000

@description('TOKEN_RATE_LIMIT_PER_ADDRESS: Web Chat tokens per client address per minute, per instance; shared the same way.')
@minValue(30)
param tokenRateLimitPerAddress int = 600

@description('Image in this deployment\'s container registry, built with: az acr build -r <registry> -t <image> -f deploy/Dockerfile .')
param containerImage string = 'support-bot:1'

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams and Direct Line are free anyway) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Set to true once the Direct Line secret is stored in Key Vault as DirectLineSecret (README step 6); the Web Chat page needs it.')
param directLineSecretInVault bool = false

@description('Comma-separated agents (HANDOFF_AGENT_IDS): aad:<tenant id>/<object id> for a Teams user; empty sets no agents.')
param handoffAgentIds string = ''

@description('Privacy notice (PRIVACY_URL, https) for the Teams manifest and the bot; empty: the bot\'s own /privacy page.')
param privacyUrl string = ''

@description('Terms of use (TERMS_URL, https) for the Teams manifest and the bot; empty: the bot\'s own /terms page.')
param termsUrl string = ''

// Storage account and registry names allow lowercase letters and digits only; a hyphen or a capital
// in the prefix would fail the deployment halfway. Names are evaluated before any resource is
// made, so this check stops it first.
var prefixAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
var prefixStrayCharacters = filter(range(0, length(namePrefix)), i => !contains(prefixAlphabet, substring(namePrefix, i, 1)))
var prefix = empty(prefixStrayCharacters) ? namePrefix : fail('namePrefix "${namePrefix}" must be lowercase letters and digits only (no hyphens).')

var suffix = take(uniqueString(resourceGroup().id, prefix), 8)
var vaultName = 'kv-${prefix}-${suffix}'
var storageAccountName = 'st${prefix}${suffix}'
var registryName = 'cr${prefix}${suffix}'
var cosmosAccountName = 'cosmos-${prefix}-${suffix}'
var planName = 'plan-${prefix}-${suffix}'
var siteName = 'app-${prefix}-${suffix}'
var botName = 'bot-${prefix}-${suffix}'
var stateContainerName = 'bot-state'
var cosmosDatabaseName = 'support-bot'
var useMsi = microsoftAppType == 'UserAssignedMSI'

// Scale-out limits by plan tier (Microsoft's "Scale up an app in Azure App Service": Basic 3,
// Standard 10, Premium 30). A count above the plan's limit stops the deployment with this
// message instead of a provider error about the plan.
var maxInstancesByTier = {
  B: 3
  S: 10
  P: 30
}
var maxInstances = maxInstancesByTier[take(appServiceSku, 1)]
var instanceLimitMessage = 'instanceCount ${instanceCount} is more than a ${appServiceSku} plan runs (${maxInstances}).'
var instances = instanceCount <= maxInstances ? instanceCount : fail(instanceLimitMessage)

// Built-in role definition ids.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var blobDataContributorRole = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// Cosmos DB Built-in Data Contributor: a data-plane role of the account, not an Azure RBAC role.
var cosmosDataContributorRole = '00000000-0000-0000-0000-000000000002'

// App settings of the form @Microsoft.KeyVault(VaultName=...;SecretName=...) always resolve to
// the secret's latest version, so rotating a secret is a new version plus a restart.
var vaultRef = '@Microsoft.KeyVault(VaultName=${vaultName};SecretName='

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    publicNetworkAccess: 'Enabled'
  }
}

// Written only when a password is given: a rerun without one (a fresh shell, a new image, a
// scale change) leaves the vault's current secret, and so a rotation, as it is.
resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useMsi && !empty(microsoftAppPassword)) {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: microsoftAppPassword
    contentType: 'Entra app registration client secret'
  }
}

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useMsi) {
  name: 'id-${prefix}-bot-${suffix}'
  location: location
}

var appIdMessage = 'microsoftAppId must be the app registration\'s Application (client) id, a GUID (README step 2).'
var appId = useMsi ? botIdentity.properties.clientId : (length(microsoftAppId) == 36 ? microsoftAppId : fail(appIdMessage))

// ---- Blob Storage: the state (storageKind blobs) and, on either kind, the transcripts ----------
// With cosmos the bot keeps its transcripts in blobs too (<BLOB_CONTAINER>-transcripts); it refuses
// a production start without them.
resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The bot signs in with its managed identity (Storage Blob Data Contributor below): no key exists to leak or rotate.
    allowSharedKeyAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (storageKind == 'blobs') {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

// ---- state: Cosmos DB (optional) ------------------------------------------------------------
resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = if (storageKind == 'cosmos') {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    minimalTlsVersion: 'Tls12'
    // Keys refused: only Entra identities with a data role (below) read and write.
    disableLocalAuth: true
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = if (storageKind == 'cosmos') {
  parent: cosmosAccount
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
  }
}

// Made here because an identity with a data role cannot create databases or containers.
resource cosmosContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = if (storageKind == 'cosmos') {
  parent: cosmosDatabase
  name: stateContainerName
  properties: {
    resource: {
      id: stateContainerName
      // CosmosDbPartitionedStorage requires the partition key path /id.
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
      }
    }
  }
}

// ---- observability ----------------------------------------------------------------------------
resource logWorkspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${prefix}-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

// Workspace-based (classic Application Insights is retired): requests, dependencies and the
// bot's metrics land in the Log Analytics workspace above.
resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${prefix}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logWorkspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---- the app ----------------------------------------------------------------------------------
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instances
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  kind: 'app,linux,container'
  identity: useMsi ? {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  } : {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // The Bot Connector sends no cookies: instance affinity would only unbalance the load.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registry.properties.loginServer}/${containerImage}'
      acrUseManagedIdentityCreds: true
      alwaysOn: true
      // App Service stops routing to an instance whose /healthz fails.
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The app settings are the appSettings resource below, made once the roles they need exist.
    }
  }
}

// What `az webapp log config --docker-container-logging filesystem` sets: the container's stdout
// and stderr kept on the instance, for `az webapp log tail` and the Log stream blade.
resource siteLogs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'logs'
  properties: {
    httpLogs: {
      fileSystem: {
        enabled: true
        retentionInMb: 100
        retentionInDays: 7
      }
    }
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, site.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The identity the bot's storage clients sign in with (DefaultAzureCredential): the bot's own
// user-assigned identity when there is one (named by AZURE_CLIENT_ID), else the site's.
var dataPrincipalId = useMsi ? botIdentity.properties.principalId : site.identity.principalId

resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, site.id, microsoftAppType, blobDataContributorRole)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRole)
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (storageKind == 'cosmos') {
  parent: cosmosAccount
  name: guid(cosmosAccountName, site.id, microsoftAppType, cosmosDataContributorRole)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRole}'
    principalId: dataPrincipalId
    scope: cosmosAccount.id
  }
}

var baseSettings = {
  NODE_ENV: 'production'
  PORT: '3978'
  WEBSITES_PORT: '3978'
  // No /home share in the container: LMDB must never sit on a network file system, and
  // with several instances state belongs in the shared store below anyway.
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'
  STORAGE: storageKind
  MicrosoftAppId: appId
  MicrosoftAppType: microsoftAppType
  MicrosoftAppTenantId: microsoftAppTenantId
  RATE_LIMIT_PER_ADDRESS: string(rateLimitPerAddress)
  TOKEN_RATE_LIMIT_PER_ADDRESS: string(tokenRateLimitPerAddress)
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
}
// The secret itself may be missing until README step 2's password is given: the bot then
// refuses readiness and names MicrosoftAppPassword, rather than running with an empty one.
var passwordSettings = useMsi ? {} : {
  MicrosoftAppPassword: '${vaultRef}MicrosoftAppPassword)'
}
// DefaultAzureCredential picks the user-assigned identity by this client id (the site has both).
var identitySettings = useMsi ? {
  AZURE_CLIENT_ID: botIdentity.properties.clientId
} : {}
var blobSettings = {
  BLOB_ACCOUNT_URL: 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
  BLOB_CONTAINER: stateContainerName
}
var cosmosSettings = storageKind == 'cosmos' ? {
  COSMOS_ENDPOINT: 'https://${cosmosAccountName}.documents.azure.com:443/'
  COSMOS_DATABASE: cosmosDatabaseName
  COSMOS_CONTAINER: stateContainerName
} : {}
var handoffSettings = empty(handoffAgentIds) ? {} : {
  HANDOFF_AGENT_IDS: handoffAgentIds
}
var privacySettings = empty(privacyUrl) ? {} : {
  PRIVACY_URL: privacyUrl
}
var termsSettings = empty(termsUrl) ? {} : {
  TERMS_URL: termsUrl
}
var directLineSettings = directLineSecretInVault ? {
  DIRECT_LINE_SECRET: '${vaultRef}DirectLineSecret)'
} : {}

var storeSettings = union(blobSettings, cosmosSettings)
var optionalSettings = union(handoffSettings, privacySettings, termsSettings, directLineSettings)

// A separate resource so that the settings, and the Key Vault references among them, reach the
// app only after its identity may read the vault and the stores (Microsoft's guidance for Key
// Vault references in templates). A role still takes minutes to apply everywhere: README step 4.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, passwordSettings, identitySettings, storeSettings, optionalSettings)
  dependsOn: [
    vaultSecretsUser
    blobDataContributor
    cosmosDataContributor
  ]
}

// ---- the Azure Bot ----------------------------------------------------------------------------
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: appId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: useMsi ? botIdentity.id : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Web Chat page'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

output siteName string = site.name
output siteUrl string = 'https://${site.properties.defaultHostName}'
output botName string = bot.name
output registryName string = registry.name
output registryLoginServer string = registry.properties.loginServer
output keyVaultName string = vault.name
output microsoftAppId string = appId
output appInsightsName string = appInsights.name
output sitePrincipalId string = site.identity.principalId
