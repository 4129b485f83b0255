using Storymatch.Extraction;

namespace Storymatch.Tests.Extraction;

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("en", "Chinese President Xi Jinping will visit Russia next week in an apparent show of support for Vladimir Putin, the Kremlin said on Friday.")]
    [InlineData("de", "Der chinesische Präsident Xi Jinping wird nächste Woche Russland besuchen, wie der Kreml am Freitag mitteilte. Es ist die erste Reise seit dem Beginn des Krieges.")]
    [InlineData("es", "El presidente chino Xi Jinping visitará Rusia la próxima semana, según informó el Kremlin el viernes, en una muestra de apoyo a Putin.")]
    [InlineData("fr", "Le président chinois Xi Jinping se rendra en Russie la semaine prochaine, a annoncé vendredi le Kremlin, dans un geste de soutien à Poutine.")]
    [InlineData("it", "Il presidente cinese Xi Jinping visiterà la Russia la prossima settimana, ha annunciato venerdì il Cremlino, in un segno di sostegno a Putin.")]
    [InlineData("pt", "O presidente chinês Xi Jinping vai visitar a Rússia na próxima semana, anunciou o Kremlin na sexta-feira, num sinal de apoio a Putin.")]
    [InlineData("pl", "Prezydent Chin Xi Jinping odwiedzi Rosję w przyszłym tygodniu, poinformował w piątek Kreml. Jest to jego pierwsza wizyta od początku wojny i nie tylko.")]
    [InlineData("tr", "Çin Devlet Başkanı Xi Jinping, Kremlin'in cuma günü yaptığı açıklamaya göre gelecek hafta Rusya'yı ziyaret edecek ve bu ziyaret için çok önemli bir adım olarak görülüyor.")]
    [InlineData("nl", "De Chinese president Xi Jinping zal volgende week Rusland bezoeken, heeft het Kremlin vrijdag bekendgemaakt. Het is zijn eerste bezoek sinds het begin van de oorlog.")]
    [InlineData("ru", "Председатель КНР Си Цзиньпин посетит Россию на следующей неделе, сообщили в Кремле в пятницу.")]
    [InlineData("uk", "Голова КНР Сі Цзіньпін відвідає Росію наступного тижня, повідомили в Кремлі в п'ятницю. Це його перший візит від початку війни.")]
    [InlineData("ar", "سيزور الرئيس الصيني شي جين بينغ روسيا الأسبوع المقبل، بحسب ما أعلن الكرملين يوم الجمعة.")]
    [InlineData("zh", "中国国家主席习近平将于下周访问俄罗斯，克里姆林宫周五宣布了这一消息。")]
    [InlineData("ja", "中国の習近平国家主席は来週ロシアを訪問すると、ロシア大統領府が金曜日に発表した。")]
    [InlineData("ko", "시진핑 중국 국가주석이 다음 주 러시아를 방문한다고 크렘린궁이 금요일 밝혔다.")]
    [InlineData("el", "Ο Κινέζος πρόεδρος Σι Τζινπίνγκ θα επισκεφθεί τη Ρωσία την επόμενη εβδομάδα, ανακοίνωσε το Κρεμλίνο.")]
    public void Detect_NewsSentence_GivesItsLanguage(string expected, string text)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345 67890 !!! ???")]
    [InlineData("Xi Putin Moscow")]
    public void Detect_NoEvidence_GivesNull(string text)
    {
        Assert.Null(LanguageDetector.Detect(text));
    }
}
