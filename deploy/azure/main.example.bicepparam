// Example parameters: copy to main.bicepparam (not committed), adjust, then
//   az deployment group create -g "$RG" -f deploy/azure/main.bicep -p deploy/azure/main.bicepparam
// The app password is read from the environment of the shell that runs az, never written here.
using './main.bicep'

param namePrefix = 'bmwhelp'
param botDisplayName = 'BMW Connected Help'

// SingleTenant (default): the Entra app registration made in README step 2.
param microsoftAppType = 'SingleTenant'
param microsoftAppId = readEnvironmentVariable('MicrosoftAppId', '')
param microsoftAppPassword = readEnvironmentVariable('MicrosoftAppPassword', '')
param microsoftAppTenantId = readEnvironmentVariable('MicrosoftAppTenantId', '')

// Conversation state shared by all instances: blobs, or cosmos for heavier traffic.
param storageKind = 'blobs'

param appServiceSku = 'P0v3'
param instanceCount = 2
param containerImage = 'support-bot:1'
param botSku = 'F0'

// README step 6 turns this on once the Direct Line secret is in Key Vault.
param directLineSecretInVault = false
param handoffAgentIds = ''
