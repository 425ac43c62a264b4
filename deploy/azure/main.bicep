// The support bot on Azure: an Azure Bot (Teams and Direct Line channels) in front of a Linux
// App Service running the container from deploy/Dockerfile on several instances, with state
// shared through Blob Storage (or Cosmos DB) and every secret in Key Vault, read by the web app
// through Key Vault references with its own managed identity. Walkthrough: deploy/README.md.
targetScope = 'resourceGroup'

@description('Short lowercase name used in every resource name (letters and digits, 3-10).')
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

@description('Application (client) id of the Entra app registration; ignored for UserAssignedMSI.')
param microsoftAppId string = ''

@description('Client secret of that app registration; goes into Key Vault only. Ignored for UserAssignedMSI.')
@secure()
param microsoftAppPassword string = ''

@description('Entra tenant of the app registration (and of the people using the bot).')
param microsoftAppTenantId string = tenant().tenantId

@description('Where conversation state lives: blobs (Azure Blob Storage) or cosmos (Azure Cosmos DB, serverless).')
@allowed([
  'blobs'
  'cosmos'
])
param storageKind string = 'blobs'

@description('App Service plan size. B1 and up allow several instances; P0v3 is the smallest Premium v3.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'P0v3'

@description('Instances of the bot behind App Service\'s load balancer.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

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

@description('Comma-separated channel user ids of the people who act as human agents (HANDOFF_AGENT_IDS).')
param handoffAgentIds string = ''

var suffix = take(uniqueString(resourceGroup().id, namePrefix), 8)
var vaultName = 'kv-${namePrefix}-${suffix}'
var storageAccountName = toLower('st${namePrefix}${suffix}')
var registryName = toLower('cr${namePrefix}${suffix}')
var cosmosAccountName = toLower('cosmos-${namePrefix}-${suffix}')
var planName = 'plan-${namePrefix}-${suffix}'
var siteName = 'app-${namePrefix}-${suffix}'
var botName = 'bot-${namePrefix}-${suffix}'
var stateContainerName = 'bot-state'
var cosmosDatabaseName = 'support-bot'
var useMsi = microsoftAppType == 'UserAssignedMSI'

// Built-in role definition ids.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

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

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useMsi) {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: microsoftAppPassword
    contentType: 'Entra app registration client secret'
  }
}

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useMsi) {
  name: 'id-${namePrefix}-bot-${suffix}'
  location: location
}

var appId = useMsi ? botIdentity.properties.clientId : microsoftAppId

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
    // The bot connects with a connection string (account key), kept in Key Vault.
    allowSharedKeyAccess: true
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

resource blobConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'BlobConnectionString'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccountName};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'Azure Storage connection string'
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

resource cosmosKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storageKind == 'cosmos') {
  parent: vault
  name: 'CosmosKey'
  properties: {
    value: cosmosAccount.listKeys().primaryMasterKey
    contentType: 'Cosmos DB account key'
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
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var baseSettings = [
  {
    name: 'NODE_ENV'
    value: 'production'
  }
  {
    name: 'PORT'
    value: '3978'
  }
  {
    name: 'WEBSITES_PORT'
    value: '3978'
  }
  {
    // No /home share in the container: LMDB must never sit on a network file system, and
    // with several instances state belongs in the shared store below anyway.
    name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
    value: 'false'
  }
  {
    name: 'STORAGE'
    value: storageKind
  }
  {
    name: 'MicrosoftAppId'
    value: appId
  }
  {
    name: 'MicrosoftAppType'
    value: microsoftAppType
  }
  {
    name: 'MicrosoftAppTenantId'
    value: microsoftAppTenantId
  }
  {
    name: 'HANDOFF_AGENT_IDS'
    value: handoffAgentIds
  }
]
var passwordSettings = useMsi ? [] : [
  {
    name: 'MicrosoftAppPassword'
    value: '${vaultRef}MicrosoftAppPassword)'
  }
]
var blobSettings = [
  {
    name: 'BLOB_CONNECTION_STRING'
    value: '${vaultRef}BlobConnectionString)'
  }
  {
    name: 'BLOB_CONTAINER'
    value: stateContainerName
  }
]
var cosmosSettings = storageKind == 'cosmos' ? [
  {
    name: 'COSMOS_ENDPOINT'
    value: 'https://${cosmosAccountName}.documents.azure.com:443/'
  }
  {
    name: 'COSMOS_KEY'
    value: '${vaultRef}CosmosKey)'
  }
  {
    name: 'COSMOS_DATABASE'
    value: cosmosDatabaseName
  }
  {
    name: 'COSMOS_CONTAINER'
    value: stateContainerName
  }
] : []
var directLineSettings = directLineSecretInVault ? [
  {
    name: 'DIRECT_LINE_SECRET'
    value: '${vaultRef}DirectLineSecret)'
  }
] : []

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
      appSettings: concat(baseSettings, passwordSettings, blobSettings, cosmosSettings, directLineSettings)
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
